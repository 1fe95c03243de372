// The section panels: one per known section (with its own view) plus any section another verticle publishes,
// rendered generically. A known section absent from the snapshot says plainly that its feature is not running.
import { h, setText, clock, uniqueId } from './dom.js';
import { badge, setBadge } from './status.js';
import { MetricGrid } from './metrics.js';
import { str, scalar, opt, obj, arrayOf, STATUS, conforms, MismatchMarker } from './shape.js';

/** What the monitor sends for every section (bus SectionUpdate plus the monitor's status and updatedAt). */
export const SECTION = {
  section: str,
  title: str,
  status: STATUS,
  updatedAt: str,
  metrics: arrayOf({ label: str, value: opt(scalar), unit: opt(str), status: STATUS, hint: opt(str) }),
  details: opt(obj),
};

export class SectionPanel {
  /**
   * @param {string} name section name on the wire
   * @param {string} title shown until the server sends its own
   * @param {object|null} view {el, reads, update(section)}: reads is the spec of what update reads of the section
   * @param {string} feature what is missing when the section is absent, e.g. "the downloader"
   */
  constructor(name, title, view = null, feature = null) {
    const headingId = uniqueId('section');
    this.name = name;
    this.feature = feature;
    this.view = view;
    this.heading = h('h2', { id: headingId, text: title });
    this.badge = badge('neutral', 'badge section-status');
    this.updated = h('span', { class: 'updated', text: '' });
    this.notice = h('p', { class: 'notice section-notice', role: 'status', hidden: true });
    this.mismatch = new MismatchMarker();
    this.grid = new MetricGrid();
    this.body = h('div', { class: 'section-body' }, this.grid.el, view?.el);
    this.el = h('section', { class: 'panel', 'data-section': name, 'aria-labelledby': headingId },
      h('header', { class: 'panel-head' }, this.heading, this.badge, this.updated), this.mismatch.el, this.notice, this.body);
    if (view) view.el.hidden = true;
    this.present = false;
  }

  update(section) {
    const where = `section ${this.name}`;
    if (!conforms(SECTION, section, where, this.mismatch)) return;
    this.present = true;
    setText(this.heading, section.title);
    setBadge(this.badge, section.status);
    setText(this.updated, `updated ${clock(section.updatedAt)}`);
    this.notice.hidden = true;
    this.body.hidden = false;
    this.el.classList.remove('not-running');
    this.grid.update(section.metrics);
    if (this.view && conforms(this.view.reads, section, `${where} (its view)`, this.mismatch)) {
      this.view.el.hidden = false;
      this.view.update(section);
    }
  }

  /** The feature behind this section is not running: say so instead of showing zeros. */
  notRunning(reason, word = 'Not running') {
    this.present = false;
    setBadge(this.badge, 'neutral', word);
    setText(this.updated, '');
    setText(this.notice, reason ?? `Not running: ${this.feature ?? 'this feature'} is not deployed on this server.`);
    this.notice.hidden = false;
    this.body.hidden = true;
    this.el.classList.add('not-running');
  }

  /** An API of this feature failed (404 or 503): keep what is shown, and say why actions fail. */
  unavailable(message) {
    setText(this.notice, message);
    this.notice.hidden = false;
  }
}

export class SectionBoard {
  /**
   * @param {HTMLElement} container where panels go
   * @param {Array<{name, title, feature, view?, panel?, local?}>} known sections in display order: view builds the
   *   details view of a standard panel; panel is a ready object {el, update(section), notRunning(reason)} instead;
   *   local marks a section the page computes itself, which no snapshot contains.
   */
  constructor(container, known) {
    this.container = container;
    this.panels = new Map();
    this.knownNames = new Set(known.map(k => k.name));
    for (const k of known) {
      const panel = k.panel ?? new SectionPanel(k.name, k.title, k.view ? k.view() : null, k.feature);
      panel.local = Boolean(k.local);
      this.panels.set(k.name, panel);
      container.append(panel.el);
      if (!panel.local) panel.notRunning('Waiting for the server’s first snapshot…', 'Waiting');
    }
  }

  panel(name) {
    return this.panels.get(name);
  }

  /** A snapshot replaces everything the server owns. */
  applySnapshot(sections) {
    const present = new Set();
    for (const section of sections) {
      present.add(section.section);
      this.apply(section);
    }
    for (const [name, panel] of this.panels) {
      if (present.has(name) || panel.local) continue;
      if (this.knownNames.has(name)) panel.notRunning();
      else {
        panel.el.remove();
        this.panels.delete(name);
      }
    }
  }

  /** Changed sections, and the names of external ones the server removed (not updated for too long). */
  applyUpdate(sections, removed = []) {
    for (const section of sections) this.apply(section);
    for (const name of Array.isArray(removed) ? removed : []) {
      const panel = this.panels.get(name);
      if (!panel || panel.local || this.knownNames.has(name)) continue;
      panel.el.remove();
      this.panels.delete(name);
    }
  }

  /** One section; its panel checks its shape. The frame's reader has checked that it names its section. */
  apply(section) {
    let panel = this.panels.get(section.section);
    if (!panel) {
      panel = new SectionPanel(section.section, section.section);
      panel.el.classList.add('generic');
      this.panels.set(section.section, panel);
      this.container.append(panel.el);
    }
    panel.update(section);
  }
}
