// Downloads: active transfers with progress bars (or "waiting for source" while the breaker holds them), queue
// length, breaker state, recent failures.
import { h, setText, formatBytes, formatDuration, clock, baseName } from '../dom.js';
import { badge, setBadge } from '../status.js';
import { KeyedTable } from '../table.js';
import { str, num, opt, oneOf, arrayOf } from '../shape.js';

const BREAKER = { closed: 'good', half_open: 'warning', open: 'critical' };

/** What this view reads: DownloadsSection's details; total and etaSeconds are -1 while unknown. */
const READS = {
  details: {
    active: arrayOf({ id: str, key: str, state: str, reason: opt(str), bytes: num, total: num, bytesPerSecond: num,
      etaSeconds: num }),
    queueLength: num,
    breaker: { host: str, state: oneOf(...Object.keys(BREAKER)), failures: num },
    recentFailures: arrayOf({ id: str, key: str, error: str, message: opt(str), finishedAt: num }),
    storageError: opt(str),
  },
};

function progressCell(t) {
  const known = t.total > 0;
  const pct = known ? Math.min(100, Math.round((100 * t.bytes) / t.total)) : null;
  const bar = h('progress', { max: '100', 'aria-label': `${t.key} progress` });
  if (pct !== null) bar.value = pct;
  return h('span', { class: 'progress-cell' }, bar,
    h('span', { class: 'num', text: known ? `${pct} % of ${formatBytes(t.total)}` : formatBytes(t.bytes) }));
}

export function downloadsView() {
  const queue = h('span', { class: 'num' });
  const breaker = badge('neutral');
  const active = new KeyedTable('Active transfers', [
    { title: 'Archive', cell: t => h('span', { title: t.key, text: baseName(t.key) }) },
    { title: 'Progress', cell: progressCell },
    { title: 'Speed', numeric: true, cell: t => (t.state === 'waiting'
      ? h('span', { class: 'muted', title: t.reason ?? '', text: 'waiting for source' })
      : `${formatBytes(t.bytesPerSecond)}/s`) },
    { title: 'ETA', numeric: true, cell: t => (t.etaSeconds < 0 ? '—' : formatDuration(t.etaSeconds)) },
  ], t => t.id, 'No transfer in progress.');
  const failures = new KeyedTable('Recent failures', [
    { title: 'Time', cell: f => clock(f.finishedAt) },
    { title: 'Archive', cell: f => h('span', { title: f.key, text: baseName(f.key) }) },
    { title: 'Error', cell: f => h('span', { title: f.message ?? '', text: f.error }) },
  ], f => `${f.id}-${f.finishedAt}`, 'No recent failure.');
  const host = h('span', { class: 'muted' });
  const storage = h('p', { class: 'notice', hidden: true });
  const el = h('div', { class: 'details' }, storage,
    h('p', { class: 'facts' }, 'Queue: ', queue, ' · Breaker: ', breaker, host),
    h('h3', { text: 'Active transfers' }), h('div', { class: 'reserve-4' }, active.el),
    h('h3', { text: 'Recent failures' }), h('div', { class: 'reserve-3' }, failures.el));
  return {
    el,
    reads: READS,
    update({ details }) {
      setText(queue, details.queueLength);
      const b = details.breaker;
      setBadge(breaker, BREAKER[b.state], b.state.replace('_', '-'));
      setText(host, ` for ${b.host}${b.failures ? ` (${b.failures} recent failures)` : ''}`);
      setText(storage, details.storageError ? `Cannot write archives: ${details.storageError}` : '');
      storage.hidden = !details.storageError;
      active.update(details.active);
      failures.update(details.recentFailures.slice(0, 5));
    },
  };
}
