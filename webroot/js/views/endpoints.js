// Endpoint performance: the section is a summary (counts, percentiles, lateness on the cards) with the worst few
// endpoints, charted (one line each, from their recent results) and tabled; below, every endpoint in a virtual list
// read from the paged API (endpoint-list.js).
import { h, formatValue } from '../dom.js';
import { KeyedTable } from '../table.js';
import { LineChart } from '../chart.js';
import { wordBadge } from '../status-badge.js';
import { str, num, bool, opt, arrayOf } from '../shape.js';
import { EndpointList } from './endpoint-list.js';

/** An endpoint's summary (EndpointsSection.summary): the last result's fields come once it was checked. */
const ENDPOINT = {
  name: str,
  url: str,
  method: str,
  statusCode: opt(num),
  latencyMs: opt(num),
  ok: opt(bool),
  reason: opt(str),
  p95: opt(num),
  uptimePercent: opt(num),
  chart: { t: arrayOf(num), ms: arrayOf(num), ok: arrayOf(bool) },
};

/** What this view reads of the endpoints section's details. */
const READS = { details: { endpoints: arrayOf(ENDPOINT) } };

const msText = v => (typeof v === 'number' ? `${formatValue(v)} ms` : '—');

export function endpointsView() {
  const chart = new LineChart({ label: 'Latency per endpoint over time', unit: 'ms', height: 170, maxPoints: 2000, spanGaps: true });
  const table = new KeyedTable('Worst endpoints', [
    { title: 'Endpoint', cell: e => h('span', { title: `${e.method} ${e.url}`, text: e.name }) },
    { title: 'Last', numeric: true, cell: e => msText(e.latencyMs) },
    { title: 'p95', numeric: true, cell: e => msText(e.p95) },
    { title: 'Status code', cell: e => wordBadge(e.ok === false ? 'critical' : (e.ok ? 'good' : 'neutral'),
      e.ok === false && e.reason ? `${e.statusCode || ''} ${e.reason}`.trim() : (e.statusCode ? String(e.statusCode) : 'pending')) },
    { title: 'Uptime', numeric: true, cell: e => (e.uptimePercent != null ? `${formatValue(e.uptimePercent)} %` : '—') },
  ], e => e.name, 'No endpoint configured.');
  const list = new EndpointList();
  let lastKey = '';
  return {
    el: h('div', { class: 'details' }, h('h3', { text: 'Worst endpoints' }), chart.el, table.el, list.el),
    reads: READS,
    update({ details: { endpoints } }) {
      table.update(endpoints);
      const key = endpoints.map(e => `${e.name}:${e.chart.t.at(-1) ?? ''}`).join('|');
      if (key === lastKey) return;
      lastKey = key;
      plot(chart, endpoints);
    },
  };
}

/** Aligns each endpoint's {t: [epoch ms], ms: [...], ok: [...]} on the union of times; failures are gaps. */
function plot(chart, endpoints) {
  const times = new Set();
  const byName = new Map();
  endpoints.forEach(e => {
    chart.ensureSeries(e.name);
    const points = new Map();
    byName.set(e.name, points);
    e.chart.t.forEach((t, i) => {
      const s = Math.round(t / 1000);
      times.add(s);
      points.set(s, e.chart.ok[i] === false ? null : e.chart.ms[i]);
    });
  });
  const xs = [...times].sort((a, b) => a - b);
  chart.set(xs, chart.names.map(name => xs.map(t => byName.get(name)?.get(t) ?? null)));
}
