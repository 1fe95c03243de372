// Upstream (SWR) cache: where answers came from and the stale-while-revalidate windows, beside the generic cards.
import { h, setText, formatDuration, formatValue } from '../dom.js';
import { num } from '../shape.js';

/** What this view reads of the upstream section's details. */
const READS = {
  details: { freshMs: num, staleMs: num, expireMs: num, networkRequests: num, networkFailures: num, fallbacks: num },
};

export function upstreamView() {
  const windows = h('span');
  const network = h('span', { class: 'num' });
  const el = h('div', { class: 'details' },
    h('p', { class: 'facts' }, h('strong', { text: 'Windows: ' }), windows),
    h('p', { class: 'facts' }, h('strong', { text: 'Upstream: ' }), network));
  return {
    el,
    reads: READS,
    update({ details: d }) {
      setText(windows, `fresh for ${formatDuration(d.freshMs / 1000)}, then served stale while revalidating until `
        + `${formatDuration(d.staleMs / 1000)}, gone at ${formatDuration(d.expireMs / 1000)}`);
      setText(network, `${formatValue(d.networkRequests)} requests sent, ${formatValue(d.networkFailures)} failed, `
        + `${formatValue(d.fallbacks)} answered from a stale entry (stale_cache_fallback)`);
    },
  };
}
