// System: the generic cards plus a chart of heap and event-loop lag over the session, read from the metrics
// themselves, so it needs no details from the server.
import { h } from '../dom.js';
import { LineChart } from '../chart.js';
import { str, metricsLabelled } from '../shape.js';

const HEAP = 'Heap used';
const LAG = 'Event-loop lag';

/** What this view reads: two of the system section's own cards (SystemSampler) and when they were sampled. */
const READS = { updatedAt: str, metrics: metricsLabelled(HEAP, LAG) };

export function systemView() {
  const chart = new LineChart({ label: 'Heap used and event-loop lag over time', series: ['Heap used (MB)', 'Event-loop lag (ms)'], height: 140, maxPoints: 600 });
  let last = null;
  return {
    el: h('div', { class: 'details' }, chart.el),
    reads: READS,
    update({ updatedAt, metrics }) {
      if (updatedAt === last) return;
      last = updatedAt;
      const value = label => metrics.find(m => m.label === label).value;
      chart.push(Date.parse(updatedAt) / 1000, [value(HEAP), value(LAG)]);
    },
  };
}
