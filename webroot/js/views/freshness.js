// Data freshness: the age of each source against its good and warning ages.
import { h, formatDuration, clock } from '../dom.js';
import { KeyedTable } from '../table.js';
import { wordBadge } from '../status-badge.js';
import { statusWord } from '../status.js';
import { str, num, opt, arrayOf, STATUS } from '../shape.js';

/** What this view reads (FreshnessState.toJson): ageMs once the source answered, time once it was checked. */
const READS = {
  details: {
    sources: arrayOf({ source: str, kind: str, status: STATUS, ageMs: opt(num), goodAgeMs: num, warningAgeMs: num,
      time: opt(str), error: opt(str) }),
  },
};

const seconds = ms => formatDuration(ms / 1000);

export function freshnessView() {
  const table = new KeyedTable('Freshness by source', [
    { title: 'Source', cell: s => h('span', { title: s.kind, text: s.source }) },
    { title: 'Age', numeric: true, cell: s => (s.ageMs != null ? seconds(s.ageMs) : 'no data') },
    { title: 'Good under', numeric: true, cell: s => seconds(s.goodAgeMs) },
    { title: 'Critical over', numeric: true, cell: s => seconds(s.warningAgeMs) },
    { title: 'Status', cell: s => wordBadge(s.status, s.ageMs == null ? 'No data' : statusWord(s.status)) },
    { title: 'Checked', cell: s => h('span', { title: s.error ?? '', text: s.time ? clock(s.time) + (s.error ? ' (failed)' : '') : '—' }) },
  ], s => s.source, 'No freshness source configured.');
  return {
    el: h('div', { class: 'details' }, table.el),
    reads: READS,
    update({ details }) {
      table.update(details.sources);
    },
  };
}
