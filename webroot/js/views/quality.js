// Data quality: the recent scans with their score, rows, bad rows, gaps and coverage.
import { h, formatValue, baseName } from '../dom.js';
import { KeyedTable } from '../table.js';
import { wordBadge } from '../status-badge.js';
import { str, num, opt, oneOf, arrayOf } from '../shape.js';

/** A scan's summary (ScanJob.summary): the figures come once the scan has finished. */
const SCAN = {
  id: str,
  key: opt(str),
  path: str,
  state: oneOf('queued', 'running', 'completed', 'failed', 'cancelled'),
  file: opt(str),
  scorePercent: opt(num),
  rows: opt(num),
  badRows: opt(num),
  gaps: opt(num),
  coveragePercent: opt(num),
  failure: opt(str),
};

/** What this view reads of the quality section's details. */
const READS = { details: { active: arrayOf(SCAN), recent: arrayOf(SCAN), threshold: { warning: num, critical: num } } };

export function qualityView() {
  let threshold = null;
  const scoreStatus = score => {
    if (typeof score !== 'number') return 'neutral';
    if (score >= threshold.warning) return 'good';
    return score >= threshold.critical ? 'warning' : 'critical';
  };
  const table = new KeyedTable('Recent scans', [
    { title: 'Archive', cell: r => h('span', { title: r.key ?? r.path, text: r.file ?? baseName(r.key ?? r.path) }) },
    { title: 'Score', cell: r => (r.state === 'failed'
      ? wordBadge('critical', r.failure ?? 'failed')
      : wordBadge(scoreStatus(r.scorePercent), r.scorePercent != null ? `${formatValue(r.scorePercent)} %` : r.state)) },
    { title: 'Rows', numeric: true, cell: r => formatValue(r.rows) },
    { title: 'Bad rows', numeric: true, cell: r => formatValue(r.badRows) },
    { title: 'Gaps', numeric: true, cell: r => formatValue(r.gaps) },
    { title: 'Coverage', numeric: true, cell: r => (r.coveragePercent != null ? `${formatValue(r.coveragePercent)} %` : '—') },
  ], r => r.id, 'No scan yet.');
  return {
    el: h('div', { class: 'details' }, h('div', { class: 'reserve-6' }, table.el)),
    reads: READS,
    update({ details }) {
      threshold = details.threshold;
      // Scans under way first, then the finished ones, newest first.
      table.update([...details.active, ...details.recent].slice(0, 6));
    },
  };
}
