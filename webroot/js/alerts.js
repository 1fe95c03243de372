// Alerts: open ones first with the seeds' action text, then the recently cleared. Each open alert can be acknowledged
// and silenced (for a duration, with a reason) from here, through POST api/alerts/{id}/ack and /silence.
import { h, clock, setText } from './dom.js';
import { api } from './api.js';
import { wordBadge } from './status-badge.js';
import { str, oneOf, arrayOf, conforms, MismatchMarker } from './shape.js';

const RECENT = 10;
const DURATIONS = [['15 minutes', 15 * 60_000], ['1 hour', 3_600_000], ['4 hours', 4 * 3_600_000],
  ['24 hours', 24 * 3_600_000], ['7 days', 7 * 24 * 3_600_000]];

/** What the list reads of an alert (AlertBook): a severity is also the status its badge shows. */
const ALERT = { id: str, state: oneOf('raised', 'cleared'), severity: oneOf('critical', 'warning'), message: str, action: str, time: str };

/** api/alerts/{id}/{verb}: an id may hold slashes (endpoint-latency/api), each segment encoded on its own. */
function alertPath(id, verb) {
  return `alerts/${id.split('/').map(encodeURIComponent).join('/')}/${verb}`;
}

export class AlertList {
  constructor(list, summary) {
    this.list = list;
    this.summary = summary;
    this.open = new Map();
    this.cleared = [];
    this.mismatch = new MismatchMarker();
    list.before(this.mismatch.el);
    this.error = h('p', { class: 'alert-error', role: 'alert', hidden: true });
    // One silence form below the list, not inside it: the list is redrawn on every alert frame, the form keeps its
    // draft and focus.
    this.form = new SilenceForm((alert, reply) => this.silenced(alert, reply));
    list.after(this.error, this.form.el);
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
      if (this.form.alert?.id === alert.id) this.form.hide();
    } else {
      this.open.set(alert.id, alert);
      if (live) this.cleared = this.cleared.filter(a => a.id !== alert.id);
    }
  }

  async acknowledge(alert, button) {
    button.disabled = true;
    this.showError(null);
    try {
      const acked = await api('POST', alertPath(alert.id, 'ack'), {});
      if (this.open.has(alert.id)) this.open.set(alert.id, { ...this.open.get(alert.id), acknowledged: acked.acknowledged });
      this.render();
    } catch (e) {
      button.disabled = false;
      this.showError(`Could not acknowledge: ${e.message}`);
    }
  }

  /** A silence answered {id, until, reason, at}: it covers the alert of that id, or every open alert of that rule. */
  silenced(alert, reply) {
    const silence = { until: reply.until, reason: reply.reason, at: reply.at };
    for (const [id, open] of this.open) {
      if (id === reply.id || open.rule === reply.id) this.open.set(id, { ...open, silenced: silence });
    }
    this.render();
  }

  showError(text) {
    setText(this.error, text ?? '');
    this.error.hidden = !text;
  }

  render() {
    const open = [...this.open.values()];
    setText(this.summary, open.length ? `${open.length} open` : 'none open');
    this.summary.className = `alert-count ${open.length ? 'has-open' : ''}`;
    if (!open.length && !this.cleared.length) {
      this.list.replaceChildren(h('li', { class: 'empty', text: 'No alert: every watched metric is within its thresholds.' }));
      return;
    }
    this.list.replaceChildren(...open.map(a => this.item(a, false)), ...this.cleared.map(a => this.item(a, true)));
  }

  item(alert, cleared) {
    return h('li', { class: `alert ${cleared ? 'cleared' : 'open'}`, 'data-alert': alert.id },
      wordBadge(cleared ? 'good' : alert.severity, cleared ? 'Cleared' : alert.severity),
      h('span', { class: 'alert-time', text: `[${clock(alert.time)}]` }),
      h('span', { class: 'alert-message', text: alert.message }),
      h('span', { class: 'alert-action' }, h('strong', { text: 'Action: ' }), alert.action),
      cleared ? null : this.controls(alert));
  }

  /** Acknowledged / silenced state, or the buttons that do it. */
  controls(alert) {
    const ack = alert.acknowledged
      ? h('span', { class: 'alert-acked', text: `Acknowledged ${clock(alert.acknowledged.at)}${alert.acknowledged.note ? `: ${alert.acknowledged.note}` : ''}` })
      : h('button', { type: 'button', class: 'alert-ack', 'aria-label': `Acknowledge: ${alert.message}`,
        onclick: e => this.acknowledge(alert, e.currentTarget) }, 'Acknowledge');
    const silence = alert.silenced
      ? h('span', { class: 'alert-silenced', text: `Silenced until ${clock(alert.silenced.until)}: ${alert.silenced.reason}` })
      : h('button', { type: 'button', class: 'alert-silence', 'aria-label': `Silence: ${alert.message}`,
        onclick: () => this.form.show(alert) }, 'Silence…');
    return h('span', { class: 'alert-controls' }, ack, silence);
  }
}

/** The form that silences one alert: a duration and a reason; the server's refusal shows beside its field. */
class SilenceForm {
  constructor(onSilenced) {
    this.onSilenced = onSilenced;
    this.alert = null;
    this.target = h('p', { class: 'silence-target', id: 'silence-target' });
    this.duration = h('select', { name: 'durationMs', id: 'silence-duration' },
      ...DURATIONS.map(([label, ms]) => h('option', { value: String(ms), text: label })));
    this.reason = h('input', { name: 'reason', id: 'silence-reason', type: 'text', maxlength: '200', autocomplete: 'off',
      'aria-describedby': 'silence-error' });
    this.error = h('p', { class: 'silence-error', id: 'silence-error', role: 'alert', hidden: true });
    this.submit = h('button', { type: 'submit', class: 'primary' }, 'Silence');
    this.el = h('form', { class: 'silence-form', novalidate: true, hidden: true, 'aria-labelledby': 'silence-target',
      onsubmit: e => { e.preventDefault(); this.send(); } },
      this.target,
      h('label', { for: 'silence-duration' }, 'For '), this.duration,
      h('label', { for: 'silence-reason' }, 'Reason '), this.reason,
      this.submit,
      h('button', { type: 'button', onclick: () => this.hide() }, 'Cancel'),
      this.error);
  }

  show(alert) {
    this.alert = alert;
    setText(this.target, `Silence: ${alert.message}`);
    this.showError(null);
    this.el.hidden = false;
    this.reason.focus();
  }

  hide() {
    this.alert = null;
    this.el.hidden = true;
    this.reason.value = '';
    this.showError(null);
  }

  async send() {
    const alert = this.alert;
    if (!alert) return;
    this.submit.disabled = true;
    try {
      const reply = await api('POST', alertPath(alert.id, 'silence'),
        { durationMs: Number(this.duration.value), reason: this.reason.value.trim() || null });
      this.hide();
      this.onSilenced(alert, reply);
    } catch (e) {
      this.showError(e.message, e.field);
    } finally {
      this.submit.disabled = false;
    }
  }

  showError(text, field) {
    setText(this.error, text ?? '');
    this.error.hidden = !text;
    for (const input of [this.duration, this.reason]) {
      if (text && input.name === field) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }
}
