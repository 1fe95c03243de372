// Data quality: the recent scans with their score, rows, bad rows, gaps and coverage.
import { h, formatValue } from '../dom.js';
import { KeyedTable } from '../table.js';
import { wordBadge } from '../status-badge.js';

let threshold = { warning: 95, critical: 80 };

function scoreStatus(score) {
  if (typeof score !== 'number') return 'neutral';
  if (score >= threshold.warning) return 'good';
  return score >= threshold.critical ? 'warning' : 'critical';
}

function shortKey(key) {
  const s = String(key ?? '');
  return s.slice(s.lastIndexOf('/') + 1) || s;
}

export function qualityView() {
  const table = new KeyedTable('Recent scans', [
    { title: 'Archive', cell: r => h('span', { title: r.key ?? r.file ?? '', text: r.file ?? shortKey(r.key) }) },
    { title: 'Score', cell: r => (r.state === 'failed'
      ? wordBadge('critical', r.failure ?? 'failed')
      : wordBadge(scoreStatus(r.scorePercent), r.scorePercent != null ? `${formatValue(r.scorePercent)} %` : (r.state ?? '—'))) },
    { title: 'Rows', numeric: true, cell: r => formatValue(r.rows) },
    { title: 'Bad rows', numeric: true, cell: r => formatValue(r.badRows) },
    { title: 'Gaps', numeric: true, cell: r => formatValue(r.gaps) },
    { title: 'Coverage', numeric: true, cell: r => (r.coveragePercent != null ? `${formatValue(r.coveragePercent)} %` : '—') },
  ], r => r.id ?? r.key, 'No scan yet.');
  return {
    el: h('div', { class: 'details' }, h('div', { class: 'reserve-6' }, table.el)),
    update(details) {
      if (details.threshold) threshold = details.threshold;
      // Scans under way first, then the finished ones, newest first.
      table.update([...(details.active ?? []), ...(details.recent ?? [])].slice(0, 6));
    },
  };
}
