// Data quality: the recent scans with their score, rows, bad rows, gaps and coverage.
import { h, formatValue } from '../dom.js';
import { KeyedTable } from '../table.js';
import { wordBadge } from '../status-badge.js';

function scoreStatus(score) {
  if (typeof score !== 'number') return 'neutral';
  if (score >= 95) return 'good';
  return score >= 80 ? 'warning' : 'critical';
}

function shortKey(key) {
  const s = String(key ?? '');
  return s.slice(s.lastIndexOf('/') + 1) || s;
}

export function qualityView() {
  const table = new KeyedTable('Recent scans', [
    { title: 'Archive', cell: r => h('span', { title: r.key ?? '', text: shortKey(r.key) }) },
    { title: 'Score', cell: r => (r.state === 'failed'
      ? wordBadge('critical', 'failed')
      : wordBadge(scoreStatus(r.score), r.score != null ? `${formatValue(r.score)} %` : (r.state ?? '—'))) },
    { title: 'Rows', numeric: true, cell: r => formatValue(r.rows) },
    { title: 'Bad rows', numeric: true, cell: r => formatValue(r.badRows) },
    { title: 'Gaps', numeric: true, cell: r => formatValue(r.gaps) },
    { title: 'Coverage', numeric: true, cell: r => (r.coverage != null ? `${formatValue(r.coverage)} %` : '—') },
  ], r => r.id ?? r.key, 'No scan yet.');
  return {
    el: h('div', { class: 'details' }, h('div', { class: 'reserve-5' }, table.el)),
    update(details) {
      table.update((details.recent ?? []).slice(0, 10));
    },
  };
}
