// The generic view: one card per metric, coloured by status, with icon, word and a hover/focus hint.
// Cards are keyed by label and updated in place, so values change without the layout moving.
import { h, setText, formatValue, uniqueId } from './dom.js';
import { badge, setBadge, normalizeStatus } from './status.js';

export class MetricGrid {
  constructor() {
    this.el = h('div', { class: 'metrics', role: 'list' });
    this.cards = new Map();
  }

  /** Shows exactly these metrics, in this order. */
  update(metrics) {
    const seen = new Set();
    let previous = null;
    for (const metric of metrics ?? []) {
      if (!metric || typeof metric.label !== 'string') continue;
      seen.add(metric.label);
      let card = this.cards.get(metric.label);
      if (!card) {
        card = new MetricCard(metric.label);
        this.cards.set(metric.label, card);
      }
      card.update(metric);
      const expected = previous ? previous.el.nextSibling : this.el.firstChild;
      if (expected !== card.el) {
        if (previous) previous.el.after(card.el);
        else this.el.prepend(card.el);
      }
      previous = card;
    }
    for (const [label, card] of this.cards) {
      if (!seen.has(label)) {
        card.el.remove();
        this.cards.delete(label);
      }
    }
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
