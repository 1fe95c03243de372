// Endpoint performance: a latency chart with one line per endpoint, and per endpoint p95, last status code and
// uptime. The chart keeps its own history from each update, seeded from the server's when it sends one.
import { h, formatValue } from '../dom.js';
import { KeyedTable } from '../table.js';
import { LineChart } from '../chart.js';
import { wordBadge } from '../status-badge.js';

export function endpointsView() {
  const chart = new LineChart({ label: 'Latency per endpoint over time', unit: 'ms', height: 170, maxPoints: 300 });
  const lastSeen = new Map();
  const table = new KeyedTable('Endpoints', [
    { title: 'Endpoint', cell: e => h('span', { title: e.url ?? '', text: e.name ?? e.url ?? '—' }) },
    { title: 'Last', numeric: true, cell: e => (e.latencyMs != null ? `${formatValue(e.latencyMs)} ms` : '—') },
    { title: 'p95', numeric: true, cell: e => (e.p95Ms != null ? `${formatValue(e.p95Ms)} ms` : '—') },
    { title: 'Status code', cell: e => wordBadge(e.ok === false ? 'critical' : (e.ok ? 'good' : 'neutral'),
      e.statusCode ? String(e.statusCode) : (e.reason ?? '—')) },
    { title: 'Uptime', numeric: true, cell: e => (e.uptimePercent != null ? `${formatValue(e.uptimePercent)} %` : '—') },
  ], e => e.name ?? e.url, 'No endpoint configured.');
  let seeded = false;
  return {
    el: h('div', { class: 'details' }, chart.el, table.el),
    update(details, section) {
      const endpoints = Array.isArray(details.endpoints) ? details.endpoints : [];
      table.update(endpoints);
      if (!seeded && endpoints.some(e => Array.isArray(e.history) && e.history.length)) {
        seeded = true;
        seed(chart, endpoints);
        endpoints.forEach(e => lastSeen.set(e.name, e.time));
        return;
      }
      const t = Date.parse(section.updatedAt ?? '') / 1000 || Date.now() / 1000;
      const values = [];
      let fresh = false;
      for (const e of endpoints) {
        const i = chart.ensureSeries(e.name ?? e.url);
        const stamp = e.time ?? e.latencyMs;
        if (lastSeen.get(e.name) !== stamp) fresh = true;
        lastSeen.set(e.name, stamp);
        values[i] = e.ok === false ? null : (typeof e.latencyMs === 'number' ? e.latencyMs : null);
      }
      if (fresh) chart.push(t, values);
    },
  };
}

/** Builds the chart from each endpoint's history [{time, latencyMs, ok}] aligned on the union of times. */
function seed(chart, endpoints) {
  const times = new Set();
  const perSeries = endpoints.map(e => {
    chart.ensureSeries(e.name ?? e.url);
    const m = new Map();
    for (const p of e.history ?? []) {
      const t = Math.round(Date.parse(p.time) / 1000);
      if (Number.isFinite(t)) {
        times.add(t);
        m.set(t, p.ok === false ? null : p.latencyMs);
      }
    }
    return m;
  });
  const xs = [...times].sort((a, b) => a - b);
  chart.set(xs, chart.names.map((name, i) => xs.map(t => perSeries[i]?.get(t) ?? null)));
}
