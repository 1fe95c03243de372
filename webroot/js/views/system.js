// System: the generic cards plus a chart of heap and event-loop lag over the session, read from the metrics
// themselves, so it needs no details from the server.
import { h } from '../dom.js';
import { LineChart } from '../chart.js';

export function systemView() {
  const chart = new LineChart({ label: 'Heap used and event-loop lag over time', series: ['Heap used (MB)', 'Event-loop lag (ms)'], height: 140, maxPoints: 600 });
  let last = null;
  return {
    el: h('div', { class: 'details' }, chart.el),
    alwaysShown: true,
    update(details, section) {
      if (section.updatedAt === last) return;
      last = section.updatedAt;
      const value = label => {
        const m = (section.metrics ?? []).find(x => x.label === label);
        return m && typeof m.value === 'number' ? m.value : null;
      };
      chart.push(Date.parse(section.updatedAt ?? '') / 1000 || Date.now() / 1000, [value('Heap used'), value('Event-loop lag')]);
    },
  };
}
