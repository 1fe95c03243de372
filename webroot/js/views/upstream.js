// Upstream (SWR) cache: one row per upstream source with where its last answer came from and its age.
import { h, formatDuration } from '../dom.js';
import { KeyedTable } from '../table.js';
import { wordBadge } from '../status-badge.js';

const SOURCE_STATUS = { network: 'good', cache: 'good', stale_cache_fallback: 'warning' };

export function upstreamView() {
  const table = new KeyedTable('Upstream sources', [
    { title: 'Source', cell: s => s.name ?? '—' },
    { title: 'Last answer from', cell: s => wordBadge(SOURCE_STATUS[s.source] ?? 'neutral', s.source ?? 'none') },
    { title: 'Age', numeric: true, cell: s => (s.ageMs != null ? formatDuration(s.ageMs / 1000) : '—') },
    { title: 'State', cell: s => s.state ?? '—' },
  ], s => s.name, 'No upstream source cached yet.');
  return {
    el: h('div', { class: 'details' }, table.el),
    update(details) {
      table.update(details.sources ?? []);
    },
  };
}
