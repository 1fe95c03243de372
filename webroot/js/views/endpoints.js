// Endpoint performance: a latency chart with one line per endpoint (from each endpoint's recent results, which the
// server sends whole), and per endpoint the last latency, p95, last status code and uptime.
import { h, formatValue } from '../dom.js';
import { KeyedTable } from '../table.js';
import { LineChart } from '../chart.js';
import { wordBadge } from '../status-badge.js';

const msText = v => (typeof v === 'number' ? `${formatValue(v)} ms` : '—');

export function endpointsView() {
  const chart = new LineChart({ label: 'Latency per endpoint over time', unit: 'ms', height: 170, maxPoints: 2000, spanGaps: true });
  const table = new KeyedTable('Endpoints', [
    { title: 'Endpoint', cell: e => h('span', { title: `${e.method ?? 'GET'} ${e.url ?? ''}`, text: e.name ?? e.url ?? '—' }) },
    { title: 'Last', numeric: true, cell: e => msText(e.latencyMs) },
    { title: 'p95', numeric: true, cell: e => msText(e.p95) },
    { title: 'Status code', cell: e => wordBadge(e.ok === false ? 'critical' : (e.ok ? 'good' : 'neutral'),
      e.ok === false && e.reason ? `${e.statusCode || ''} ${e.reason}`.trim() : (e.statusCode ? String(e.statusCode) : 'pending')) },
    { title: 'Uptime', numeric: true, cell: e => (e.uptimePercent != null ? `${formatValue(e.uptimePercent)} %` : '—') },
  ], e => e.name ?? e.url, 'No endpoint configured.');
  let lastKey = '';
  return {
    el: h('div', { class: 'details' }, chart.el, table.el),
    update(details) {
      const endpoints = Array.isArray(details.endpoints) ? details.endpoints : [];
      table.update(endpoints);
      const key = endpoints.map(e => `${e.name}:${e.chart?.t?.at(-1) ?? ''}`).join('|');
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
    const name = e.name ?? e.url;
    chart.ensureSeries(name);
    const points = new Map();
    byName.set(name, points);
    const c = e.chart ?? {};
    (c.t ?? []).forEach((t, i) => {
      const s = Math.round(t / 1000);
      times.add(s);
      points.set(s, c.ok?.[i] === false ? null : c.ms?.[i] ?? null);
    });
  });
  const xs = [...times].sort((a, b) => a - b);
  chart.set(xs, chart.names.map(name => xs.map(t => byName.get(name)?.get(t) ?? null)));
}
