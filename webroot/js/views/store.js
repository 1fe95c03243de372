// History store: per monitor uptime and percentiles over 24 h, 7 d and 30 d, a 24-hour p95 latency chart of the
// endpoints (the first ten), the alert history with durations, and the recent downloads and quality reports, all
// read from the store (api/history/..., api/monitors/{id}/history), so they are still there after a restart.
// Fetched when the section first shows (once the page's first screen is drawn), then at most once a minute. The
// uptime table reads a page (the first 100 monitors in id order, "Show more" for the next, up to the store's largest
// page): ten thousand monitors' windows are megabytes, and a table nobody scrolls.
import { h, formatValue, clock, baseName, setText } from '../dom.js';
import { KeyedTable } from '../table.js';
import { LineChart } from '../chart.js';
import { api } from '../api.js';
import { firstPaint } from '../first-paint.js';
import { wordBadge } from '../status-badge.js';
import { str, num, opt, oneOf, arrayOf, conforms, MismatchMarker } from '../shape.js';

/** What this view reads of the store section's details (StoreVerticle state). */
const READS = { details: { state: str } };

const WINDOW = { count: num, uptimePercent: opt(num), p50: opt(num), p95: opt(num), p99: opt(num) };
/** GET api/history/uptime?limit. */
const UPTIME = { monitors: arrayOf({ monitor: str, kind: opt(oneOf('endpoint', 'freshness')),
  windows: { '24h': WINDOW, '7d': WINDOW, '30d': WINDOW } }), total: num, matched: num };
/** GET api/history/alerts. */
const ALERTS = { alerts: arrayOf({ id: str, state: oneOf('open', 'cleared'), severity: opt(str), message: opt(str),
  raisedAt: str, durationMs: num }) };
/** GET api/history/downloads and api/history/quality. */
const RECORDS = { records: arrayOf({ at: str, name: opt(str), outcome: opt(str) }) };
/** GET api/monitors/{id}/history (the default: the last 24 hours). */
const HISTORY = { points: arrayOf({ t: str, p95: opt(num) }) };

const REFRESH_MS = 60_000;
const CHARTED = 10;
/** Uptime rows read at first and added by each "Show more"; the store answers at most MAX_ROWS at once. */
const ROWS_STEP = 100;
const MAX_ROWS = 1000;

const pct = w => (w.uptimePercent != null ? `${formatValue(w.uptimePercent)} %` : '—');
const ms = v => (typeof v === 'number' ? `${formatValue(v)} ms` : '—');
const age = v => (typeof v === 'number' ? `${duration(v)} old` : '—');
function duration(millis) {
  const s = Math.round(millis / 1000);
  if (s < 120) return `${s} s`;
  return s < 7200 ? `${Math.round(s / 60)} min` : `${formatValue(Math.round(s / 360) / 10)} h`;
}

export function storeView() {
  const mismatch = new MismatchMarker();
  const chart = new LineChart({ label: 'p95 latency per monitor, last 24 hours (from the store)', unit: 'ms',
    height: 150, maxPoints: 300, spanGaps: true });
  const uptime = new KeyedTable('Uptime per monitor', [
    { title: 'Monitor', cell: m => m.monitor },
    { title: '24 h', numeric: true, cell: m => pct(m.windows['24h']) },
    { title: '7 d', numeric: true, cell: m => pct(m.windows['7d']) },
    { title: '30 d', numeric: true, cell: m => pct(m.windows['30d']) },
    // A freshness source's values are the data's age, not a latency.
    { title: 'p50 / p95 / p99 (24 h)', numeric: true,
      cell: m => [m.windows['24h'].p50, m.windows['24h'].p95, m.windows['24h'].p99]
        .map(m.kind === 'freshness' ? age : ms).join(' / ') },
  ], m => m.monitor, 'No result stored yet.');
  const alerts = new KeyedTable('Alert history', [
    { title: 'Raised', cell: a => clock(a.raisedAt) },
    { title: 'Alert', cell: a => wordBadge(a.state === 'open' ? (a.severity === 'critical' ? 'critical' : 'warning')
      : 'neutral', a.state === 'open' ? 'open' : 'cleared') },
    { title: 'Message', cell: a => a.message ?? a.id },
    { title: 'Lasted', numeric: true, cell: a => duration(a.durationMs) },
  ], a => `${a.id}@${a.raisedAt}`, 'No alert stored.');
  const recordsTable = (caption, good) => new KeyedTable(caption, [
    { title: 'When', cell: r => clock(r.at) },
    { title: caption, cell: r => h('span', { title: r.name ?? '', text: r.name ? baseName(r.name) : '—' }) },
    { title: 'Outcome', cell: r => wordBadge(r.outcome === good ? 'good' : 'warning', r.outcome ?? '—') },
  ], r => `${r.at}|${r.name}|${r.outcome}`, 'None stored.');
  const downloads = recordsTable('Recent downloads', 'done');
  const quality = recordsTable('Recent quality reports', 'completed');
  const shownCount = h('p', { class: 'uptime-count', hidden: true });
  const more = h('button', { type: 'button', class: 'uptime-more', hidden: true, onclick: () => showMore() });
  let fetchedAt = 0;
  let rowsAsked = ROWS_STEP;

  const readUptime = () => api('GET', `history/uptime?limit=${rowsAsked}`);

  /** The uptime rows read, how many there are, and a button for the next ones while the store can give them. */
  function showUptime(u) {
    uptime.update(u.monitors);
    const cut = u.matched > u.monitors.length;
    shownCount.hidden = !cut;
    more.hidden = !cut || rowsAsked >= MAX_ROWS;
    if (!cut) return;
    const shown = u.monitors.length.toLocaleString('en');
    setText(shownCount, `${shown} of ${u.matched.toLocaleString('en')} monitors with history shown`
      + (more.hidden ? ` (the API pages the rest: api/history/uptime?offset=${u.monitors.length})` : ''));
    setText(more, `Show ${Math.min(ROWS_STEP, u.matched - u.monitors.length)} more`);
  }

  async function showMore() {
    rowsAsked = Math.min(MAX_ROWS, rowsAsked + ROWS_STEP);
    try {
      const u = await readUptime();
      if (conforms(UPTIME, u, 'store uptime', mismatch)) showUptime(u);
    } catch (e) {
      fetchedAt = 0;
    }
  }

  async function refresh() {
    try {
      const [u, a, d, q] = await Promise.all([readUptime(), api('GET', 'history/alerts?limit=50'),
        api('GET', 'history/downloads?limit=10'), api('GET', 'history/quality?limit=10')]);
      if (conforms(UPTIME, u, 'store uptime', mismatch)) {
        showUptime(u);
        await plot(u.monitors.filter(m => m.kind === 'endpoint').slice(0, CHARTED).map(m => m.monitor));
      }
      if (conforms(ALERTS, a, 'store alerts', mismatch)) alerts.update(a.alerts);
      if (conforms(RECORDS, d, 'store downloads', mismatch)) downloads.update(d.records);
      if (conforms(RECORDS, q, 'store quality reports', mismatch)) quality.update(q.records);
    } catch (e) {
      // The store answers 503 while its database is down; the section says so, and the next refresh tries again.
      fetchedAt = 0;
    }
  }

  async function plot(monitors) {
    const series = await Promise.all(monitors.map(m => api('GET', `monitors/${encodeURIComponent(m)}/history`)));
    const times = new Set();
    const byName = new Map();
    series.forEach((s, i) => {
      if (!conforms(HISTORY, s, 'store history', mismatch)) return;
      chart.ensureSeries(monitors[i]);
      const points = new Map();
      byName.set(monitors[i], points);
      s.points.forEach(p => {
        const t = Math.round(Date.parse(p.t) / 1000);
        times.add(t);
        points.set(t, p.p95 ?? null);
      });
    });
    const xs = [...times].sort((x, y) => x - y);
    chart.set(xs, chart.names.map(name => xs.map(t => byName.get(name)?.get(t) ?? null)));
  }

  return {
    el: h('div', { class: 'details' }, mismatch.el, chart.el, uptime.el, shownCount, more, alerts.el, downloads.el,
      quality.el),
    reads: READS,
    update({ details: { state } }) {
      if (state !== 'up' || Date.now() - fetchedAt < REFRESH_MS) return;
      fetchedAt = Date.now();
      // The first read waits for the first screen: see first-paint.js.
      firstPaint.then(refresh);
    },
  };
}
