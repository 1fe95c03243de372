// The section panels: one per known section (with its own view) plus any section another verticle publishes,
// rendered generically. A known section absent from the snapshot says plainly that its feature is not running.
import { h, setText, clock, uniqueId } from './dom.js';
import { badge, setBadge } from './status.js';
import { MetricGrid } from './metrics.js';
import { str, scalar, opt, obj, arrayOf, STATUS, conforms, MismatchMarker } from './shape.js';

/** What the monitor sends for every section (bus SectionUpdate plus the monitor's status and updatedAt). */
export const SECTION = {
  section: str,
  node: opt(str),
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
    // In a cluster: which node the section comes from.
    this.nodeTag = h('span', { class: 'node-tag', hidden: true });
    this.notice = h('p', { class: 'notice section-notice', role: 'status', hidden: true });
    this.mismatch = new MismatchMarker();
    this.grid = new MetricGrid();
    this.body = h('div', { class: 'section-body' }, this.grid.el, view?.el);
    this.el = h('section', { class: 'panel', 'data-section': name, 'aria-labelledby': headingId },
      h('header', { class: 'panel-head' }, this.heading, this.nodeTag, this.badge, this.updated), this.mismatch.el, this.notice, this.body);
    if (view) view.el.hidden = true;
    this.present = false;
  }

  update(section) {
    const where = `section ${this.name}`;
    if (!conforms(SECTION, section, where, this.mismatch)) return;
    this.present = true;
    setText(this.heading, section.title);
    this.nodeTag.hidden = !section.node;
    if (section.node) setText(this.nodeTag, this.nodeLabel?.(section.node) ?? shortNode(section.node));
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

/** The first block of a node id (a UUID): enough to tell the members apart. */
export function shortNode(id) {
  const dash = id.indexOf('-');
  return dash > 0 ? id.slice(0, dash) : id;
}

/** The sections of one other node of the cluster, under its name; known sections get their own view. */
class NodeGroup {
  constructor(node, known, label) {
    this.node = node;
    this.known = known;
    this.label = label;
    this.panels = new Map();
    this.heading = h('h2', { text: `Node ${label(node)}` });
    this.grid = h('div', { class: 'sections' });
    this.el = h('section', { class: 'node-group', 'data-node': node, 'aria-label': `Sections of node ${node}` },
      this.heading, this.grid);
  }

  apply(section) {
    let panel = this.panels.get(section.section);
    if (!panel) {
      const k = this.known.find(x => x.name === section.section && x.view);
      panel = new SectionPanel(section.section, k?.title ?? section.section, k ? k.view() : null, k?.feature);
      if (!k) panel.el.classList.add('generic');
      panel.el.dataset.node = this.node;
      panel.nodeLabel = this.label;
      this.panels.set(section.section, panel);
      this.grid.append(panel.el);
    }
    panel.update(section);
  }

  remove(name) {
    this.panels.get(name)?.el.remove();
    this.panels.delete(name);
  }

  relabel() {
    setText(this.heading, `Node ${this.label(this.node)}`);
  }
}

export class SectionBoard {
  /**
   * @param {HTMLElement} container where panels go
   * @param {Array<{name, title, feature, view?, panel?, local?}>} known sections in display order: view builds the
   *   details view of a standard panel; panel is a ready object {el, update(section), notRunning(reason)} instead;
   *   local marks a section the page computes itself, which no snapshot contains.
   * @param {HTMLElement} nodesContainer where the sections of the cluster's other nodes go, a group per node
   */
  constructor(container, known, nodesContainer = null) {
    this.container = container;
    this.known = known;
    this.nodesContainer = nodesContainer;
    /** This server's node in a cluster (the snapshot says), else null: every section is then this server's. */
    this.self = null;
    this.groups = new Map();
    /** Node id -> cluster address, from the cluster section's members. */
    this.addresses = new Map();
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

  /** How a node is named: its cluster address when the cluster section lists it, else its id's first block. */
  nodeLabel(id) {
    const address = this.addresses.get(id);
    return address ? `${address} (${shortNode(id)})` : shortNode(id);
  }

  /** A section of another node of the cluster (this server's own, and untagged ones, go to the main panels). */
  isOtherNode(section) {
    return typeof section.node === 'string' && section.node !== this.self;
  }

  /** A snapshot replaces everything the server owns; {@code node} is this server's node in a cluster. */
  applySnapshot(sections, node = null) {
    this.self = node;
    const present = new Set();
    const presentElsewhere = new Map();
    for (const section of sections) {
      if (this.isOtherNode(section)) {
        if (!presentElsewhere.has(section.node)) presentElsewhere.set(section.node, new Set());
        presentElsewhere.get(section.node).add(section.section);
      } else {
        present.add(section.section);
      }
      this.apply(section);
    }
    for (const [id, group] of this.groups) {
      const kept = presentElsewhere.get(id);
      for (const name of [...group.panels.keys()]) if (!kept?.has(name)) group.remove(name);
      if (group.panels.size === 0) this.dropGroup(id);
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

  /**
   * Changed sections, the names of external ones the server removed (not updated for too long), and the sections of
   * nodes it removed ({node, section}: a node that left the cluster).
   */
  applyUpdate(sections, removed = [], removedFromNodes = []) {
    for (const section of sections) this.apply(section);
    const names = Array.isArray(removed) ? [...removed] : [];
    for (const { node, section } of Array.isArray(removedFromNodes) ? removedFromNodes : []) {
      if (node === this.self) {
        names.push(section);
        continue;
      }
      const group = this.groups.get(node);
      if (!group) continue;
      group.remove(section);
      if (group.panels.size === 0) this.dropGroup(node);
    }
    for (const name of names) {
      const panel = this.panels.get(name);
      if (!panel || panel.local || this.knownNames.has(name)) continue;
      panel.el.remove();
      this.panels.delete(name);
    }
  }

  dropGroup(id) {
    this.groups.get(id)?.el.remove();
    this.groups.delete(id);
    if (this.nodesContainer && this.groups.size === 0) this.nodesContainer.hidden = true;
  }

  /** One section; its panel checks its shape. The frame's reader has checked that it names its section. */
  apply(section) {
    if (this.isOtherNode(section) && this.nodesContainer) {
      let group = this.groups.get(section.node);
      if (!group) {
        group = new NodeGroup(section.node, this.known, id => this.nodeLabel(id));
        this.groups.set(section.node, group);
        this.nodesContainer.append(group.el);
        this.nodesContainer.hidden = false;
      }
      group.apply(section);
      return;
    }
    if (section.section === 'cluster') this.learnAddresses(section);
    let panel = this.panels.get(section.section);
    if (!panel) {
      panel = new SectionPanel(section.section, section.section);
      panel.el.classList.add('generic');
      panel.nodeLabel = id => this.nodeLabel(id);
      this.panels.set(section.section, panel);
      // The cluster's totals come first: they sum what the panels below show.
      if (section.section === 'totals') this.container.prepend(panel.el);
      else this.container.append(panel.el);
    }
    if (!panel.nodeLabel) panel.nodeLabel = id => this.nodeLabel(id);
    panel.update(section);
  }

  /** The members' addresses, from the cluster section's details, to name the nodes by. */
  learnAddresses(section) {
    const members = section.details?.members;
    if (!Array.isArray(members)) return;
    let changed = false;
    for (const m of members) {
      if (m && typeof m.id === 'string' && typeof m.address === 'string' && this.addresses.get(m.id) !== m.address) {
        this.addresses.set(m.id, m.address);
        changed = true;
      }
    }
    if (changed) for (const group of this.groups.values()) group.relabel();
  }
}
