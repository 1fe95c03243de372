// The Monitors panel: every endpoint and freshness source as a card, and a form to add, edit, pause and delete the
// ones added from here (api/monitors). Monitors of the configuration file are shown read-only. The server validates:
// a 400 names its field, and the message is shown beside that field.
import { h, setText } from '../dom.js';
import { api } from '../api.js';
import { wordBadge } from '../status-badge.js';
import { str, bool, num, oneOf, arrayOf, conforms, MismatchMarker } from '../shape.js';

/** One page of GET api/monitors (the probe's MonitorsBus.LIST), or the answer that the list has not changed. */
const PAGE = { monitors: arrayOf({ id: str, type: oneOf('endpoint', 'freshness'), source: oneOf('config', 'store'),
  paused: bool }), offset: num, total: num, matched: num, max: num, version: str };
const UNCHANGED = { version: str, unchanged: bool };

const REFRESH_MS = 15_000;
/**
 * Cards drawn at first, and added by each "Show more": a configuration of ten thousand endpoints made 10,000 cards
 * (170,000 elements) that kept the page's main thread busy for seconds at a time; the endpoints list below shows every
 * one of them anyway. Only the cards shown are read from the server (those added here first, the ones this panel
 * edits), and a refresh of an unchanged list reads none: it sends the list's version and gets {unchanged: true}.
 */
const CARDS_STEP = 100;
/** The most monitors one GET api/monitors returns. */
const PAGE_LIMIT = 1000;
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
    this.monitors = [];
    this.more = h('button', { type: 'button', class: 'monitor-more', hidden: true, onclick: () => this.showMore() });
    this.addButton = h('button', { type: 'button', class: 'primary', onclick: () => this.openForm(null) }, 'Add monitor');
    this.form = this.buildForm();
    this.el = h('section', { class: 'panel monitors', 'data-section': 'monitors', 'aria-labelledby': 'monitors-title' },
      h('header', { class: 'panel-head' }, h('h2', { id: 'monitors-title', text: 'Monitors' }), this.count),
      this.mismatch.el, this.notice, h('div', { class: 'monitor-controls' }, this.addButton), this.form, this.cards, this.more);
  }

  start() {
    this.refresh();
    setInterval(() => {
      if (!document.hidden) this.refresh();
    }, REFRESH_MS);
  }

  /** One page of the cards' order: those added here first, then the configuration file's. */
  async page(offset, limit, version) {
    const params = new URLSearchParams({ sort: 'store-first', offset: String(offset), limit: String(limit) });
    if (version) params.set('version', version);
    return api('GET', `monitors?${params}`);
  }

  /**
   * Re-reads the cards shown, page by page, unless the list's version is still the one drawn. A read superseded by a
   * newer one (another refresh, "Show more") is dropped.
   */
  async refresh() {
    const read = this.read = (this.read ?? 0) + 1;
    // The version goes only with a first page that would bring nothing new: not after "Show more" asked for more.
    const drawn = this.version && this.monitors.length >= Math.min(this.cardsShown, this.matched) ? this.version : null;
    try {
      const monitors = [];
      let last = null;
      for (let restarts = 0; ;) {
        const limit = Math.min(PAGE_LIMIT, this.cardsShown - monitors.length);
        const page = await this.page(monitors.length, limit, monitors.length === 0 ? drawn : null);
        if (read !== this.read) return;
        if (page.unchanged === true) {
          if (conforms(UNCHANGED, page, 'monitors', this.mismatch)) this.notice.hidden = true;
          return;
        }
        if (!conforms(PAGE, page, 'monitors', this.mismatch)) return;
        if (last && page.version !== last.version && ++restarts <= 3) { // changed between two pages: from the start
          monitors.length = 0;
          last = null;
          continue;
        }
        monitors.push(...page.monitors);
        last = page;
        if (monitors.length >= Math.min(this.cardsShown, page.matched) || page.monitors.length === 0) break;
      }
      this.notice.hidden = true;
      this.show(last, monitors);
    } catch (e) {
      if (read !== this.read) return;
      setText(this.notice, e.notRunning ? 'Not running: the prober is not deployed on this server.' : e.message);
      this.notice.hidden = false;
    }
  }

  /** "Show more": the next cards only, unless the list changed since it was drawn (then every card shown is read again). */
  async showMore() {
    this.cardsShown += CARDS_STEP;
    const read = this.read = (this.read ?? 0) + 1;
    try {
      const page = await this.page(this.monitors.length, CARDS_STEP, null);
      if (read !== this.read) return;
      if (!conforms(PAGE, page, 'monitors', this.mismatch)) return;
      if (page.version !== this.version || page.offset !== this.monitors.length) {
        this.refresh();
        return;
      }
      this.show(page, [...this.monitors, ...page.monitors]);
    } catch (e) {
      if (read !== this.read) return;
      setText(this.notice, e.message);
      this.notice.hidden = false;
    }
  }

  show(page, monitors) {
    this.version = page.version;
    this.matched = page.matched;
    this.monitors = monitors;
    setText(this.count, `${page.total.toLocaleString('en')} of at most ${page.max.toLocaleString('en')}`);
    this.draw();
  }

  /** The cards read (the first cardsShown, those added here first) and a button for the next ones. */
  draw() {
    this.cards.replaceChildren(...this.monitors.map(m => this.card(m)));
    const cut = this.matched > this.cardsShown;
    this.more.hidden = !cut;
    if (cut) {
      setText(this.more, `Show ${Math.min(CARDS_STEP, this.matched - this.cardsShown)} more (${this.cardsShown.toLocaleString('en')}`
        + ` of ${this.matched.toLocaleString('en')} monitors shown)`);
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
