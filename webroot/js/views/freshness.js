// Data freshness: the age of each source against its good and warning ages.
import { h, formatDuration } from '../dom.js';
import { KeyedTable } from '../table.js';
import { wordBadge } from '../status-badge.js';
import { statusWord } from '../status.js';

export function freshnessView() {
  const table = new KeyedTable('Freshness by source', [
    { title: 'Source', cell: s => s.name ?? '—' },
    { title: 'Age', numeric: true, cell: s => (s.ageSeconds != null ? formatDuration(s.ageSeconds) : 'no data') },
    { title: 'Good under', numeric: true, cell: s => formatDuration(s.goodSeconds) },
    { title: 'Critical over', numeric: true, cell: s => formatDuration(s.warningSeconds) },
    { title: 'Status', cell: s => wordBadge(s.status ?? 'neutral', s.ageSeconds == null ? 'No data' : statusWord(s.status)) },
  ], s => s.name, 'No freshness source configured.');
  return {
    el: h('div', { class: 'details' }, table.el),
    update(details) {
      table.update(details.sources ?? []);
    },
  };
}
