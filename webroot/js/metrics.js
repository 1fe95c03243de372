// The generic view: one card per metric, coloured by status, with icon, word and a hover/focus hint.
// Cards are keyed by label and updated in place, so values change without the layout moving.
import { h, setText, formatValue, uniqueId } from './dom.js';
import { badge, setBadge, normalizeStatus } from './status.js';
import { KeyedNodes } from './keyed.js';

export class MetricGrid {
  constructor() {
    this.el = h('div', { class: 'metrics', role: 'list' });
    this.cards = new KeyedNodes(this.el, {
      key: metric => metric.label,
      create: metric => new MetricCard(metric.label),
      update: (card, metric) => card.update(metric),
      node: card => card.el,
    });
  }

  /** Shows exactly these metrics, in this order. */
  update(metrics) {
    this.cards.show(metrics);
  }
}

class MetricCard {
  constructor(label) {
    const hintId = uniqueId('hint');
    this.label = h('div', { class: 'metric-label', title: label, text: label });
    this.number = h('span', { class: 'metric-number' });
    this.unit = h('span', { class: 'metric-unit' });
    this.badge = badge('neutral', 'badge metric-status');
    this.hint = h('div', { class: 'metric-hint', role: 'tooltip', id: hintId });
    this.el = h('div', { class: 'metric', role: 'listitem', tabindex: '0', 'aria-describedby': hintId },
      this.label, h('div', { class: 'metric-value' }, this.number, this.unit), this.badge, this.hint);
  }

  update(metric) {
    const status = normalizeStatus(metric.status);
    for (const name of ['good', 'warning', 'critical', 'neutral']) this.el.classList.toggle(`s-${name}`, name === status);
    const value = formatValue(metric.value);
    setText(this.number, value);
    this.number.title = value;
    setText(this.unit, metric.unit && metric.value !== null && metric.value !== undefined ? ` ${metric.unit}` : '');
    setBadge(this.badge, status);
    setText(this.hint, metric.hint || `${metric.label}: no explanation published`);
    this.el.classList.toggle('has-hint', Boolean(metric.hint));
  }
}
