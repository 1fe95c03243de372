// The Monitors panel: every endpoint and freshness source as a card, and a form to add, edit, pause and delete the
// ones added from here (api/monitors). Monitors of the configuration file are shown read-only. The server validates:
// a 400 names its field, and the message is shown beside that field.
import { h, setText } from '../dom.js';
import { api } from '../api.js';
import { wordBadge } from '../status-badge.js';
import { str, bool, num, oneOf, arrayOf, conforms, MismatchMarker } from '../shape.js';

/** GET api/monitors (the probe's MonitorsBus.LIST). */
const LIST = { monitors: arrayOf({ id: str, type: oneOf('endpoint', 'freshness'), source: oneOf('config', 'store'),
  paused: bool }), max: num };

const REFRESH_MS = 15_000;
/**
 * Cards drawn at first, and added by each "Show more": a configuration of ten thousand endpoints made 10,000 cards
 * (170,000 elements) that kept the page's main thread busy for seconds at a time; the endpoints list below shows every
 * one of them anyway.
 */
const CARDS_STEP = 100;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'];
/** The form's fields: name, label, which types have it, and how its text becomes JSON. */
const FIELDS = [
  { name: 'name', label: 'Name', types: 'endpoint freshness', read: 'text' },
  { name: 'kind', label: 'Source kind', types: 'freshness', read: 'text', options: ['http', 'file', 'cache'] },
  { name: 'url', label: 'URL', types: 'endpoint freshness', read: 'text', type: 'url' },
  { name: 'method', label: 'Method', types: 'endpoint', read: 'text', options: METHODS },
  { name: 'expectStatus', label: 'Expected status', types: 'endpoint', read: 'number' },
  { name: 'jsonPointer', label: 'JSON pointer', types: 'endpoint freshness', read: 'text', placeholder: '/data/updated_at' },
  { name: 'expectValue', label: 'Expected value (JSON)', types: 'endpoint', read: 'json' },
  { name: 'path', label: 'File path', types: 'freshness', read: 'text' },
  { name: 'goodAgeMinutes', label: 'Good under (min)', types: 'freshness', read: 'number' },
  { name: 'warningAgeMinutes', label: 'Warning under (min)', types: 'freshness', read: 'number' },
  { name: 'intervalMs', label: 'Interval (ms)', types: 'endpoint freshness', read: 'number' },
  { name: 'timeoutMs', label: 'Timeout (ms)', types: 'endpoint freshness', read: 'number' },
  { name: 'headers', label: 'Headers (JSON object)', types: 'endpoint freshness', read: 'json', area: true },
];

/** A field's text as the JSON the server reads; text that is not what the field wants goes as is, to be refused by name. */
function valueOf(field, text) {
  if (field.read === 'number') return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  if (field.read === 'json') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function shown(value) {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' || typeof value === 'boolean' ? JSON.stringify(value) : String(value);
}

export class MonitorsPanel {
  constructor(log) {
    this.log = log;
    this.editing = null;
    this.mismatch = new MismatchMarker();
    this.notice = h('p', { class: 'notice', role: 'status', hidden: true });
    this.count = h('span', { class: 'updated' });
    this.cards = h('ul', { class: 'monitor-cards', 'aria-label': 'Monitors' });
    this.cardsShown = CARDS_STEP;
    this.more = h('button', { type: 'button', class: 'monitor-more', hidden: true, onclick: () => {
      this.cardsShown += CARDS_STEP;
      this.draw();
    } });
    this.addButton = h('button', { type: 'button', class: 'primary', onclick: () => this.openForm(null) }, 'Add monitor');
    this.form = this.buildForm();
    this.el = h('section', { class: 'panel monitors', 'data-section': 'monitors', 'aria-labelledby': 'monitors-title' },
      h('header', { class: 'panel-head' }, h('h2', { id: 'monitors-title', text: 'Monitors' }), this.count),
      this.mismatch.el, this.notice, h('div', { class: 'monitor-controls' }, this.addButton), this.form, this.cards, this.more);
  }

  start() {
    this.refresh();
    setInterval(() => this.refresh(), REFRESH_MS);
  }

  async refresh() {
    try {
      const list = await api('GET', 'monitors');
      if (!conforms(LIST, list, 'monitors', this.mismatch)) return;
      this.notice.hidden = true;
      setText(this.count, `${list.monitors.length} of at most ${list.max}`);
      // Rebuilt only when something changed, so a refresh does not take the focus from a card's button.
      const seen = JSON.stringify(list.monitors);
      if (seen === this.seen) return;
      this.seen = seen;
      this.monitors = list.monitors;
      this.draw();
    } catch (e) {
      setText(this.notice, e.notRunning ? 'Not running: the prober is not deployed on this server.' : e.message);
      this.notice.hidden = false;
    }
  }

  /** Every card, or the first cardsShown with those added here first (the ones this panel edits) and a button for more. */
  draw() {
    const all = this.monitors;
    const cut = all.length > this.cardsShown;
    const shown = cut ? [...all.filter(m => m.source !== 'config'), ...all.filter(m => m.source === 'config')]
      .slice(0, this.cardsShown) : all;
    this.cards.replaceChildren(...shown.map(m => this.card(m)));
    this.more.hidden = !cut;
    if (cut) {
      setText(this.more, `Show ${Math.min(CARDS_STEP, all.length - this.cardsShown)} more (${this.cardsShown.toLocaleString('en')}`
        + ` of ${all.length.toLocaleString('en')} monitors shown)`);
    }
  }

  card(m) {
    const readOnly = m.source === 'config';
    const target = m.type === 'endpoint' ? `${m.method ?? 'GET'} ${m.url}` : (m.url ?? m.path ?? m.kind);
    const path = `monitors/${encodeURIComponent(m.id)}`;
    const remove = h('button', { type: 'button', class: 'danger', onclick: () => {
      if (remove.dataset.armed) this.act('DELETE', m, path, 'deleted');
      else {
        remove.dataset.armed = 'yes';
        setText(remove, 'Confirm delete');
        setTimeout(() => { delete remove.dataset.armed; setText(remove, 'Delete'); }, 5000);
      }
    } }, 'Delete');
    // The configuration file is the source of truth for its monitors: the page shows them and leaves them be.
    const actions = readOnly
      ? h('p', { class: 'monitor-readonly', text: 'Read-only: from the configuration file (probe.endpoints / probe.freshness)' })
      : h('div', { class: 'monitor-actions' },
        h('button', { type: 'button', onclick: () => this.openForm(m) }, 'Edit'),
        h('button', { type: 'button', onclick: () => this.act('POST', m, `${path}/${m.paused ? 'resume' : 'pause'}`,
          m.paused ? 'resumed' : 'paused') }, m.paused ? 'Resume' : 'Pause'),
        remove);
    return h('li', { class: `monitor-card${m.paused ? ' paused' : ''}`, 'data-monitor': m.id, 'data-source': m.source },
      h('div', { class: 'monitor-title' }, h('strong', { text: m.id }), ' ',
        wordBadge('neutral', m.type), ' ', wordBadge(m.paused ? 'warning' : 'good', m.paused ? 'paused' : 'active'),
        ' ', wordBadge('neutral', readOnly ? 'config' : 'added here')),
      h('div', { class: 'monitor-target', text: target ?? '' }),
      actions);
  }

  async act(method, m, path, done) {
    try {
      await api(method, path);
      this.log.client(`Monitor ${m.id} ${done}`);
    } catch (e) {
      this.log.client(`Monitor ${m.id} not ${done}: ${e.message}`, 'warning');
    }
    this.refresh();
  }

  buildForm() {
    this.inputs = new Map();
    this.errors = new Map();
    const type = h('select', { name: 'type' }, h('option', { value: 'endpoint', text: 'Endpoint' }),
      h('option', { value: 'freshness', text: 'Freshness source' }));
    this.inputs.set('type', type);
    const slot = name => {
      const error = h('span', { class: 'field-error', id: `monitor-error-${name}`, role: 'alert', hidden: true });
      this.errors.set(name, error);
      return error;
    };
    const fields = FIELDS.map(f => {
      const attrs = { name: f.name, 'aria-describedby': `monitor-error-${f.name}`, autocomplete: 'off',
        placeholder: f.placeholder };
      const input = f.options ? h('select', attrs, h('option', { value: '', text: '(default)' }),
        ...f.options.map(o => h('option', { value: o, text: o })))
        : f.area ? h('textarea', { ...attrs, rows: 2 }) : h('input', { ...attrs, type: f.type ?? 'text' });
      this.inputs.set(f.name, input);
      return h('label', { class: `field field-${f.name}`, 'data-types': f.types }, f.label, input, slot(f.name));
    });
    const paused = h('input', { type: 'checkbox', name: 'paused' });
    this.inputs.set('paused', paused);
    this.formError = h('p', { class: 'field-error form-error', role: 'alert', hidden: true });
    this.formTitle = h('h3', { text: 'Add a monitor' });
    const form = h('form', { class: 'monitor-form', 'aria-label': 'Monitor', novalidate: true },
      this.formTitle,
      h('label', { class: 'field field-type' }, 'Type', type, slot('type')),
      h('div', { class: 'fields' }, fields),
      h('label', { class: 'radio' }, paused, 'Paused', slot('paused')),
      this.formError,
      h('div', { class: 'monitor-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save'),
        h('button', { type: 'button', onclick: () => this.closeForm() }, 'Cancel')));
    const sync = () => {
      for (const label of form.querySelectorAll('[data-types]')) {
        label.hidden = !label.dataset.types.split(' ').includes(type.value);
      }
    };
    type.addEventListener('change', sync);
    form.addEventListener('submit', event => {
      event.preventDefault();
      this.save();
    });
    this.sync = sync;
    form.hidden = true;
    return form;
  }

  openForm(m) {
    this.editing = m;
    this.clearErrors();
    setText(this.formTitle, m ? `Edit ${m.id}` : 'Add a monitor');
    this.inputs.get('type').value = m?.type ?? 'endpoint';
    for (const f of FIELDS) this.inputs.get(f.name).value = shown(m?.[f.name]);
    this.inputs.get('name').readOnly = !!m;
    this.inputs.get('paused').checked = !!m?.paused;
    this.sync();
    this.form.hidden = false;
    this.inputs.get(m ? 'url' : 'name').focus();
  }

  closeForm() {
    this.form.hidden = true;
    this.editing = null;
  }

  clearErrors() {
    for (const [name, error] of this.errors) {
      error.hidden = true;
      this.inputs.get(name)?.removeAttribute('aria-invalid');
    }
    this.formError.hidden = true;
  }

  body() {
    const type = this.inputs.get('type').value;
    const body = { type, paused: this.inputs.get('paused').checked };
    for (const f of FIELDS) {
      const label = this.inputs.get(f.name).closest('label');
      const text = this.inputs.get(f.name).value.trim();
      if (!label.hidden && text !== '') body[f.name] = valueOf(f, text);
    }
    return body;
  }

  async save() {
    this.clearErrors();
    const body = this.body();
    const editing = this.editing;
    try {
      await (editing ? api('PUT', `monitors/${encodeURIComponent(editing.id)}`, body) : api('POST', 'monitors', body));
      this.log.client(`Monitor ${body.name ?? editing?.id} ${editing ? 'saved' : 'added'}`);
      this.closeForm();
      this.refresh();
    } catch (e) {
      const error = e.field && this.errors.get(e.field);
      if (error && !this.inputs.get(e.field).closest('label').hidden) {
        setText(error, e.message);
        error.hidden = false;
        this.inputs.get(e.field).setAttribute('aria-invalid', 'true');
        this.inputs.get(e.field).focus();
      } else {
        setText(this.formError, e.message);
        this.formError.hidden = false;
      }
    }
  }
}
