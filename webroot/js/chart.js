// Line charts on uPlot, served by the app from its webjar. Width follows the container; colours follow the theme.
import uPlot from '../uplot/uPlot.esm.js';
import { h } from './dom.js';

const PALETTE = ['--series-1', '--series-2', '--series-3', '--series-4', '--series-5', '--series-6'];

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

export class LineChart {
  /**
   * @param {object} options {label, unit, series: [names], height, maxPoints, xLabel, time: true for clock time on x,
   *   spanGaps: join points across missing values}
   */
  constructor({ label, unit = '', series = [], height = 160, maxPoints = 300, time = true, xLabel = '', spanGaps = false }) {
    this.spanGaps = spanGaps;
    this.unit = unit;
    this.maxPoints = maxPoints;
    this.height = height;
    this.time = time;
    this.xLabel = xLabel;
    this.names = [...series];
    this.xs = [];
    this.ys = this.names.map(() => []);
    this.el = h('figure', { class: 'chart', role: 'img', 'aria-label': label, style: `min-height:${height + 30}px` });
    this.plot = null;
    new ResizeObserver(() => this.resize()).observe(this.el);
    document.addEventListener('themechange', () => this.rebuild());
  }

  /** Adds a point; values in series order (null for a gap). */
  push(x, values) {
    this.xs.push(x);
    this.names.forEach((_, i) => this.ys[i].push(values[i] ?? null));
    if (this.xs.length > this.maxPoints) {
      this.xs.shift();
      this.ys.forEach(y => y.shift());
    }
    this.redraw();
  }

  /** Replaces all points: xs and one array per series. */
  set(xs, ys) {
    this.xs = xs.slice(-this.maxPoints);
    this.ys = ys.map(y => y.slice(-this.maxPoints));
    this.redraw();
  }

  /**
   * Adds a series if it is new; returns its index. The plot is rebuilt once, at the next redraw: a view adding ten
   * series then setting the points built it eleven times, each time reading the layout.
   */
  ensureSeries(name) {
    let i = this.names.indexOf(name);
    if (i < 0) {
      this.names.push(name);
      this.ys.push(this.xs.map(() => null));
      i = this.names.length - 1;
      this.stale = true;
    }
    return i;
  }

  clear() {
    this.xs = [];
    this.ys = this.names.map(() => []);
    this.redraw();
  }

  redraw() {
    if (!this.plot || this.stale) {
      this.rebuild();
      return;
    }
    this.plot.setData(this.data());
  }

  /** Nothing until two points: one point alone stretches a time axis over years. */
  data() {
    return this.xs.length < 2 ? [[], ...this.ys.map(() => [])] : [this.xs, ...this.ys];
  }

  rebuild() {
    const width = this.el.clientWidth;
    if (width === 0) return;
    this.stale = false;
    this.plot?.destroy();
    const axis = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--grid'), width: 1 }, ticks: { stroke: cssVar('--grid') } };
    const unit = this.unit;
    this.plot = new uPlot({
      width,
      height: this.height,
      scales: { x: { time: this.time } },
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      series: [
        { label: this.xLabel || (this.time ? 'time' : 'x') },
        ...this.names.map((name, i) => ({
          label: name,
          stroke: cssVar(PALETTE[i % PALETTE.length]),
          width: 2,
          spanGaps: this.spanGaps,
          value: (u, v) => (v == null ? '—' : `${Math.round(v * 10) / 10} ${unit}`),
        })),
      ],
      axes: [{ ...axis }, { ...axis, size: 64, values: (u, vals) => vals.map(v => `${v}${unit ? ' ' + unit : ''}`) }],
    }, this.data(), this.el);
  }

  resize() {
    const width = this.el.clientWidth;
    if (width === 0) return;
    if (!this.plot) this.rebuild();
    else if (Math.abs(this.plot.width - width) > 1) this.plot.setSize({ width, height: this.height });
  }
}
