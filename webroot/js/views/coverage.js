// The coverage heatmap (issue 16, point 5): days (or months) across, symbols down, each cell coloured by its ledger
// state and quality score, read in one request from api/coverage?form=cells (a character per entry, a string per
// symbol). A click on a cell reads that entry and opens its quality report; "Fetch what is missing" asks the server
// to list the selection upstream and download what it lacks (api/coverage/expand). Drawn as pixels on a canvas so
// five years of two hundred symbols paint at once.
import { h, setText } from '../dom.js';
import { api } from '../api.js';
import { str, num, bool, opt, arrayOf, mapOf, conforms, MismatchMarker } from '../shape.js';

/** GET api/coverage?form=cells. */
const GRID = { dates: arrayOf(str), symbols: arrayOf(str), cells: arrayOf(str), counts: mapOf(num), truncated: bool };
/** GET api/coverage (one entry, for a click). */
const PAGE = { items: arrayOf({ key: str, symbol: str, date: str, state: str, scorePercent: opt(num), gaps: opt(num) }) };
const LABEL_WIDTH = 110;
/** What each colour says; a verified archive takes its colour from its score and gaps. */
export const COLOURS = {
  absent: '#9aa0a6', listed: '#b3d4f5', queued: '#4a90d9', failed: '#d93025', republished: '#8e44ad',
  good: '#1e8e3e', warning: '#f29900', critical: '#d93025', none: 'transparent',
};
/** The colour of each character of the compact answer (docs/coverage.md). */
const CELL_COLOURS = {
  a: COLOURS.absent, l: COLOURS.listed, q: COLOURS.queued, v: COLOURS.queued, f: COLOURS.failed,
  r: COLOURS.republished, G: COLOURS.good, W: COLOURS.warning, C: COLOURS.critical,
};
/** The same colours as canvas pixels (RGBA bytes read as one little-endian word), by character code. */
const PIXELS = new Uint32Array(128);
for (const [ch, hex] of Object.entries(CELL_COLOURS)) {
  const [r, g, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
  PIXELS[ch.charCodeAt(0)] = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

function days(from, to, monthly) {
  const out = [];
  const d = new Date(`${monthly ? `${from}-01` : from}T00:00:00Z`);
  const end = new Date(`${monthly ? `${to}-01` : to}T00:00:00Z`);
  while (d <= end && out.length < 10_000) {
    out.push(d.toISOString().slice(0, monthly ? 7 : 10));
    if (monthly) d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

export class CoveragePanel {
  constructor(log) {
    this.log = log;
    this.mismatch = new MismatchMarker();
    this.grid = null;
    this.inputs = {};
    const field = (name, label, value, attrs = {}) => {
      this.inputs[name] = h('input', { name, value, ...attrs });
      return h('label', {}, label, ' ', this.inputs[name]);
    };
    this.form = h('form', { class: 'coverage-form', onsubmit: e => { e.preventDefault(); this.show(); } },
      field('market', 'Market', 'um', { size: 6 }), field('dataType', 'Type', 'klines', { size: 14 }),
      field('interval', 'Interval', '1h', { size: 4 }), field('period', 'Period', 'daily', { size: 7 }),
      field('symbol', 'Symbol', '', { size: 10, placeholder: 'all' }),
      field('from', 'From', '', { size: 10, placeholder: 'YYYY-MM-DD' }),
      field('to', 'To', '', { size: 10, placeholder: 'YYYY-MM-DD' }),
      h('button', { type: 'submit', class: 'primary' }, 'Show'),
      h('button', { type: 'button', class: 'fetch-missing', onclick: () => this.fetchMissing() }, 'Fetch what is missing'));
    this.notice = h('p', { class: 'notice', role: 'status' });
    this.legend = h('p', { class: 'coverage-legend' });
    this.canvas = h('canvas', { class: 'coverage-heatmap', 'aria-label': 'Coverage heatmap' });
    this.canvas.addEventListener('click', e => this.open(e));
    this.report = h('pre', { class: 'coverage-report', hidden: true });
    this.el = h('section', { class: 'panel coverage', 'data-section': 'coverage', 'aria-labelledby': 'coverage-title' },
      h('header', { class: 'panel-head' }, h('h2', { id: 'coverage-title', text: 'Coverage' })),
      this.mismatch.el, this.form, this.notice, this.legend, h('div', { class: 'coverage-scroll' }, this.canvas),
      this.report);
  }

  /** The filters of the form, as query parameters (empty ones left out). */
  filters() {
    const q = new URLSearchParams();
    for (const [name, input] of Object.entries(this.inputs)) {
      if (input.value.trim()) q.set(name, input.value.trim());
    }
    return q;
  }

  /** One request for the whole selection, drawn; data-paint-ms is the time from asking to the frame that shows it. */
  async show() {
    const started = performance.now();
    const q = this.filters();
    q.set('form', 'cells');
    let grid;
    try {
      grid = await api('GET', `coverage?${q}`);
    } catch (e) {
      setText(this.notice, e.field ? `${e.field}: ${e.message}` : e.message);
      return;
    }
    if (!conforms(GRID, grid, 'coverage', this.mismatch)) return;
    this.grid = grid;
    this.draw();
    await new Promise(resolve => requestAnimationFrame(() => resolve()));
    this.el.dataset.paintMs = String(Math.round(performance.now() - started));
    const total = Object.values(grid.counts).reduce((a, b) => a + b, 0);
    setText(this.notice, `${total} archive(s)${grid.truncated ? ' (more than shown: narrow the selection)' : ''}`);
  }

  draw() {
    const { dates, symbols, cells, counts } = this.grid;
    const monthly = (this.inputs.period.value || 'daily') === 'monthly';
    const from = this.inputs.from.value || dates[0];
    const to = this.inputs.to.value || dates[dates.length - 1];
    this.columns = from && to ? days(from, to, monthly) : [];
    this.rows = symbols;
    this.dateIndex = new Map(dates.map((d, i) => [d, i]));
    const cell = Math.max(2, Math.min(14, Math.floor(1200 / Math.max(1, this.columns.length))));
    this.cell = cell;
    this.canvas.width = LABEL_WIDTH + this.columns.length * cell;
    this.canvas.height = Math.max(cell, this.rows.length * cell);
    Object.assign(this.canvas.dataset, { cell: String(cell), labelWidth: String(LABEL_WIDTH),
      columns: String(this.columns.length), rows: String(this.rows.length) });
    const g = this.canvas.getContext('2d');
    g.clearRect(0, 0, this.canvas.width, this.canvas.height);
    const width = this.columns.length * cell;
    const height = this.rows.length * cell;
    if (width > 0 && height > 0) {
      const image = g.createImageData(width, height);
      const pixels = new Uint32Array(image.data.buffer);
      const column = new Map(this.columns.map((d, i) => [d, i]));
      const columnOf = dates.map(d => column.get(d) ?? -1);
      const size = cell > 3 ? cell - 1 : cell;
      cells.forEach((line, r) => {
        for (let i = 0; i < line.length; i++) {
          const colour = PIXELS[line.charCodeAt(i)];
          const c = columnOf[i];
          if (!colour || c < 0) continue;
          for (let y = 0, at = r * cell * width + c * cell; y < size; y++, at += width) pixels.fill(colour, at, at + size);
        }
      });
      g.putImageData(image, LABEL_WIDTH, 0);
    }
    g.font = `${Math.min(12, cell)}px sans-serif`;
    g.fillStyle = getComputedStyle(this.el).color || '#000';
    if (cell >= 8) this.rows.forEach((symbol, r) => g.fillText(symbol, 2, r * cell + cell - 2));
    setText(this.legend, Object.entries(counts).sort().map(([s, n]) => `${s} ${n}`).join(' · '));
  }

  /** The entry under a click, then its quality report (or its state and reason when it has none). */
  async open(event) {
    const rect = this.canvas.getBoundingClientRect();
    const x = (event.clientX - rect.left) * (this.canvas.width / rect.width) - LABEL_WIDTH;
    const y = (event.clientY - rect.top) * (this.canvas.height / rect.height);
    const date = this.columns?.[Math.floor(x / this.cell)];
    const row = Math.floor(y / this.cell);
    const symbol = this.rows?.[row];
    const at = this.dateIndex?.get(date);
    if (!symbol || at === undefined || this.grid.cells[row][at] === '.') return;
    const q = this.filters();
    q.set('symbol', symbol);
    q.set('from', date);
    q.set('to', date);
    q.set('limit', '1');
    let entry;
    try {
      const page = await api('GET', `coverage?${q}`);
      if (!conforms(PAGE, page, 'coverage', this.mismatch)) return;
      entry = page.items[0];
    } catch (e) {
      setText(this.notice, e.field ? `${e.field}: ${e.message}` : e.message);
      return;
    }
    if (!entry) return;
    this.report.hidden = false;
    this.report.dataset.key = entry.key;
    let text = `${entry.key}\nstate: ${entry.state}${entry.reason ? ` (${entry.reason})` : ''}`;
    // Only a scanned archive has a report: asking for the others would only be a 404.
    if (entry.scorePercent == null) {
      setText(this.report, `${text}\nnot scanned`);
      return;
    }
    try {
      const report = await api('GET', `quality/${entry.key}`);
      text += `\nscore: ${report.scorePercent} %  rows: ${report.rows}  bad: ${report.badRows}  gaps: ${report.gaps?.count}`
        + `${report.coverage ? `  coverage: ${report.coverage.percent} %` : ''}`;
    } catch (e) {
      text += `\nno quality report (${e.message})`;
    }
    setText(this.report, text);
  }

  /** Lists the selection upstream and downloads what it lacks: one expansion per symbol shown (or every symbol). */
  async fetchMissing() {
    const q = this.filters();
    const base = {};
    for (const name of ['market', 'period', 'dataType', 'interval', 'from', 'to']) {
      if (q.get(name)) base[name] = q.get(name);
    }
    const symbols = q.get('symbol') ? [q.get('symbol')] : ['*'];
    try {
      for (const symbol of symbols) {
        const done = await api('POST', 'coverage/expand', { ...base, symbol, fetch: true });
        setText(this.notice, `listed ${done.listed}, absent ${done.absent}, queued ${done.queued}, cached ${done.cached}`);
        this.log?.client?.(`Coverage: queued ${done.queued} archive(s) missing from the selection`);
      }
    } catch (e) {
      setText(this.notice, e.field ? `${e.field}: ${e.message}` : e.message);
    }
  }
}
