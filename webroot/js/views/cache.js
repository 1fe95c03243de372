// Archive cache: size against its limit as a bar, beside the generic cards (entries, hit rate, evictions...).
import { h, setText, formatBytes, formatValue, clock } from '../dom.js';
import { str, num, opt } from '../shape.js';

/** What this view reads of the archive cache's details; lastSweep is null until the first sweep. */
const READS = {
  details: {
    bytes: num,
    maxBytes: num,
    lastSweep: opt({ at: str, checked: num, corruptedRemoved: num, orphansRemoved: num }),
  },
};

export function cacheView() {
  const bar = h('meter', { min: '0', max: '100', low: '75', high: '99', optimum: '0', 'aria-label': 'Cache size against its limit' });
  const text = h('span', { class: 'num' });
  const sweep = h('span');
  const el = h('div', { class: 'details' }, h('p', { class: 'usage' }, h('span', { text: 'Disk used ' }), bar, text),
    h('p', { class: 'facts' }, h('strong', { text: 'Last sweep: ' }), sweep));
  return {
    el,
    reads: READS,
    update({ details: { bytes, maxBytes, lastSweep: s } }) {
      if (maxBytes > 0) {
        const pct = (100 * bytes) / maxBytes;
        bar.value = Math.min(100, pct);
        setText(text, `${formatBytes(bytes)} of ${formatBytes(maxBytes)} (${pct.toFixed(1)} %)`);
      } else {
        bar.value = 0;
        setText(text, `${formatBytes(bytes)} (no limit reported)`);
      }
      setText(sweep, s ? `${clock(s.at)}: ${formatValue(s.checked)} checked, ${formatValue(s.corruptedRemoved)} corrupted and `
        + `${formatValue(s.orphansRemoved)} orphaned files removed` : 'not yet');
    },
  };
}
