// The activity log: "[HH:MM:SS] message", levels told apart by icon, word and colour, newest at the bottom,
// kept scrolled to the newest unless the reader scrolled up, at most 100 entries. In a cluster, an entry from
// another node names it.
import { h, clock } from './dom.js';
import { shortNode } from './sections.js';
import { str, opt, oneOf, arrayOf, conforms, MismatchMarker } from './shape.js';

const MAX_ENTRIES = 100;
const LEVEL_STATUS = { info: 'neutral', warning: 'warning', error: 'critical' };

/** A server entry (monitor ActivityLog): {time, level, message, component?, node?}. */
const ENTRY = { time: str, level: oneOf(...Object.keys(LEVEL_STATUS)), message: str, component: opt(str), node: opt(str) };

export class ActivityLog {
  constructor(list) {
    this.list = list;
    this.entries = [];
    this.clientEntries = [];
    this.stick = true;
    this.self = null;
    this.mismatch = new MismatchMarker();
    list.before(this.mismatch.el);
    // Whether the reader is at the bottom, from their own scrolling: while the log's follow-up scroll is pending, the
    // scroll events come from entries added or dropped, not from the reader.
    list.addEventListener('scroll', () => {
      if (!this.scrolling) this.stick = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
    });
  }

  /**
   * Replaces the server's part of the log (from a snapshot), keeping the page's own entries; {@code self}: the
   * server's node id in a cluster, whose entries need no node tag.
   */
  replace(serverEntries, self = null) {
    this.self = self;
    const readable = conforms(arrayOf(ENTRY), serverEntries, 'the activity log', this.mismatch) ? serverEntries : [];
    const merged = [...readable.map(e => ({ ...e, origin: 'server' })), ...this.clientEntries]
      .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    this.entries = merged.slice(-MAX_ENTRIES);
    this.list.replaceChildren(...this.entries.map(e => this.row(e)));
    this.scroll();
  }

  /** Appends one server entry {time, level, message, component}. */
  add(entry) {
    if (conforms(ENTRY, entry, 'an activity entry', this.mismatch)) this.append({ ...entry, origin: 'server' });
  }

  /** The page's own entry: also kept for the exported client log. */
  client(message, level = 'info') {
    const entry = { time: new Date().toISOString(), level, message, component: 'page', origin: 'page' };
    this.clientEntries.push(entry);
    if (this.clientEntries.length > MAX_ENTRIES) this.clientEntries.shift();
    (level === 'error' ? console.warn : console.info)(`[vigie] ${message}`);
    this.append(entry);
  }

  append(entry) {
    this.entries.push(entry);
    this.list.append(this.row(entry));
    while (this.entries.length > MAX_ENTRIES) {
      this.entries.shift();
      this.list.firstElementChild?.remove();
    }
    this.scroll();
  }

  /** Once a frame, not once an entry: reading scrollHeight lays the page out (a snapshot brings a whole log). */
  scroll() {
    if (!this.stick || this.scrolling) return;
    this.scrolling = requestAnimationFrame(() => {
      this.scrolling = 0;
      if (this.stick) this.list.scrollTop = this.list.scrollHeight;
    });
  }

  row(entry) {
    const { level } = entry;
    const elsewhere = entry.node && entry.node !== this.self;
    return h('li', { class: `log-entry level-${level} s-${LEVEL_STATUS[level]}`, 'data-node': entry.node ?? null },
      h('span', { class: 'log-time', text: `[${clock(entry.time)}]` }), ' ',
      h('span', { class: 'log-level', text: level.toUpperCase() }), ' ',
      elsewhere ? h('span', { class: 'log-node', title: `node ${entry.node}`, text: `node ${shortNode(entry.node)}` }) : null,
      elsewhere ? ' ' : null,
      entry.component ? h('span', { class: 'log-component', text: entry.component }) : null, entry.component ? ' ' : null,
      h('span', { class: 'log-message', text: entry.message }));
  }
}
