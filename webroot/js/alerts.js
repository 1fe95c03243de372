// Alerts: open ones first with the seeds' action text, then the recently cleared.
import { h, clock, setText } from './dom.js';
import { wordBadge } from './status-badge.js';
import { str, oneOf, arrayOf, conforms, MismatchMarker } from './shape.js';

const RECENT = 10;

/** What the list reads of an alert (AlertBook): a severity is also the status its badge shows. */
const ALERT = { id: str, state: oneOf('raised', 'cleared'), severity: oneOf('critical', 'warning'), message: str, action: str, time: str };

export class AlertList {
  constructor(list, summary) {
    this.list = list;
    this.summary = summary;
    this.open = new Map();
    this.cleared = [];
    this.mismatch = new MismatchMarker();
    list.before(this.mismatch.el);
    this.render();
  }

  replace(alerts) {
    this.open.clear();
    this.cleared = [];
    if (conforms(arrayOf(ALERT), alerts, 'the alerts', this.mismatch)) alerts.forEach(alert => this.apply(alert, false));
    this.render();
  }

  add(alert) {
    if (conforms(ALERT, alert, 'an alert', this.mismatch)) this.apply(alert, true);
    this.render();
  }

  apply(alert, live) {
    if (alert.state === 'cleared') {
      const was = this.open.get(alert.id);
      this.open.delete(alert.id);
      this.cleared.unshift({ ...was, ...alert });
      this.cleared.length = Math.min(this.cleared.length, RECENT);
    } else {
      this.open.set(alert.id, alert);
      if (live) this.cleared = this.cleared.filter(a => a.id !== alert.id);
    }
  }

  render() {
    const open = [...this.open.values()];
    setText(this.summary, open.length ? `${open.length} open` : 'none open');
    this.summary.className = `alert-count ${open.length ? 'has-open' : ''}`;
    if (!open.length && !this.cleared.length) {
      this.list.replaceChildren(h('li', { class: 'empty', text: 'No alert: every watched metric is within its thresholds.' }));
      return;
    }
    this.list.replaceChildren(...open.map(a => item(a, false)), ...this.cleared.map(a => item(a, true)));
  }
}

function item(alert, cleared) {
  return h('li', { class: `alert ${cleared ? 'cleared' : 'open'}` },
    wordBadge(cleared ? 'good' : alert.severity, cleared ? 'Cleared' : alert.severity),
    h('span', { class: 'alert-time', text: `[${clock(alert.time)}]` }),
    h('span', { class: 'alert-message', text: alert.message }),
    h('span', { class: 'alert-action' }, h('strong', { text: 'Action: ' }), alert.action));
}
