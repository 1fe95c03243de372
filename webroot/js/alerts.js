// Alerts: open ones first with the seeds' action text, then the recently cleared. Frames are
// {id, state: raised|cleared, severity, metric, message, action, time}.
import { h, clock, setText } from './dom.js';
import { wordBadge } from './status-badge.js';

const SEVERITY = { critical: 'critical', warning: 'warning', error: 'critical', info: 'neutral' };
const RECENT = 10;

export class AlertList {
  constructor(list, summary) {
    this.list = list;
    this.summary = summary;
    this.open = new Map();
    this.cleared = [];
    this.render();
  }

  replace(alerts) {
    this.open.clear();
    this.cleared = [];
    for (const alert of alerts ?? []) this.apply(alert, false);
    this.render();
  }

  add(alert) {
    this.apply(alert, true);
    this.render();
  }

  apply(alert, live) {
    if (!alert || alert.id == null) return;
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
  const status = cleared ? 'good' : (SEVERITY[alert.severity] ?? 'warning');
  return h('li', { class: `alert ${cleared ? 'cleared' : 'open'}` },
    wordBadge(status, cleared ? 'Cleared' : (alert.severity ?? 'warning')),
    h('span', { class: 'alert-time', text: alert.time ? `[${clock(alert.time)}]` : '' }),
    h('span', { class: 'alert-message', text: alert.message ?? alert.metric ?? alert.id }),
    alert.action ? h('span', { class: 'alert-action' }, h('strong', { text: 'Action: ' }), alert.action) : null);
}
