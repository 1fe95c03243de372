// Downloads: active transfers with progress bars, queue length, breaker state, recent failures.
import { h, setText, formatBytes, formatDuration, clock } from '../dom.js';
import { badge, setBadge } from '../status.js';
import { KeyedTable } from '../table.js';

const BREAKER = { closed: 'good', 'half-open': 'warning', half_open: 'warning', open: 'critical' };

function progressCell(t) {
  const total = Number(t.total);
  const bytes = Number(t.bytes) || 0;
  const known = Number.isFinite(total) && total > 0;
  const pct = known ? Math.min(100, Math.round((100 * bytes) / total)) : null;
  const bar = h('progress', { max: '100', 'aria-label': `${t.key ?? t.id} progress` });
  if (pct !== null) bar.value = pct;
  return h('span', { class: 'progress-cell' }, bar,
    h('span', { class: 'num', text: known ? `${pct} % of ${formatBytes(total)}` : formatBytes(bytes) }));
}

function shortKey(key) {
  const s = String(key ?? '');
  return s.slice(s.lastIndexOf('/') + 1) || s;
}

export function downloadsView() {
  const queue = h('span', { class: 'num' });
  const breaker = badge('neutral');
  const active = new KeyedTable('Active transfers', [
    { title: 'Archive', cell: t => h('span', { title: t.key, text: shortKey(t.key) }) },
    { title: 'Progress', cell: progressCell },
    { title: 'Speed', numeric: true, cell: t => (t.bytesPerSecond != null ? `${formatBytes(t.bytesPerSecond)}/s` : '—') },
    { title: 'ETA', numeric: true, cell: t => formatDuration(t.etaSeconds) },
  ], t => t.id ?? t.key, 'No transfer in progress.');
  const failures = new KeyedTable('Recent failures', [
    { title: 'Time', cell: f => (f.finishedAt ? clock(f.finishedAt) : '—') },
    { title: 'Archive', cell: f => h('span', { title: f.key, text: shortKey(f.key) }) },
    { title: 'Error', cell: f => h('span', { title: f.message ?? '', text: f.error ?? 'failed' }) },
  ], f => `${f.id ?? f.key}-${f.finishedAt ?? ''}`, 'No recent failure.');
  const host = h('span', { class: 'muted' });
  const storage = h('p', { class: 'notice', hidden: true });
  const el = h('div', { class: 'details' }, storage,
    h('p', { class: 'facts' }, 'Queue: ', queue, ' · Breaker: ', breaker, host),
    h('h3', { text: 'Active transfers' }), h('div', { class: 'reserve-4' }, active.el),
    h('h3', { text: 'Recent failures' }), h('div', { class: 'reserve-3' }, failures.el));
  return {
    el,
    update(details) {
      setText(queue, details.queueLength ?? (Array.isArray(details.queued) ? details.queued.length : '—'));
      const state = typeof details.breaker === 'object' && details.breaker ? details.breaker.state : details.breaker;
      setBadge(breaker, BREAKER[String(state).toLowerCase()] ?? 'neutral', state ? String(state).replace('_', '-') : 'unknown');
      const b = details.breaker ?? {};
      setText(host, b.host ? ` for ${b.host}${b.failures ? ` (${b.failures} recent failures)` : ''}` : '');
      setText(storage, details.storageError ? `Cannot write archives: ${details.storageError}` : '');
      storage.hidden = !details.storageError;
      active.update(details.active);
      const failed = Array.isArray(details.recentFailures) ? details.recentFailures : [];
      failures.update(failed.slice(0, 5));
    },
  };
}
