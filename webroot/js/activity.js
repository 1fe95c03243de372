// The activity log: "[HH:MM:SS] message", levels told apart by icon, word and colour, newest at the bottom,
// kept scrolled to the newest unless the reader scrolled up, at most 100 entries.
import { h, clock } from './dom.js';
import { str, opt, oneOf, arrayOf, conforms, MismatchMarker } from './shape.js';

const MAX_ENTRIES = 100;
const LEVEL_STATUS = { info: 'neutral', warning: 'warning', error: 'critical' };

/** A server entry (monitor ActivityLog): {time, level, message, component?}. */
const ENTRY = { time: str, level: oneOf(...Object.keys(LEVEL_STATUS)), message: str, component: opt(str) };

export class ActivityLog {
  constructor(list) {
    this.list = list;
    this.entries = [];
    this.clientEntries = [];
    this.stick = true;
    this.mismatch = new MismatchMarker();
    list.before(this.mismatch.el);
    list.addEventListener('scroll', () => {
      this.stick = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
    });
  }

  /** Replaces the server's part of the log (from a snapshot), keeping the page's own entries. */
  replace(serverEntries) {
    const readable = conforms(arrayOf(ENTRY), serverEntries, 'the activity log', this.mismatch) ? serverEntries : [];
    const merged = [...readable.map(e => ({ ...e, origin: 'server' })), ...this.clientEntries]
      .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    this.entries = merged.slice(-MAX_ENTRIES);
    this.list.replaceChildren(...this.entries.map(row));
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
    this.list.append(row(entry));
    while (this.entries.length > MAX_ENTRIES) {
      this.entries.shift();
      this.list.firstElementChild?.remove();
    }
    this.scroll();
  }

  scroll() {
    if (this.stick) this.list.scrollTop = this.list.scrollHeight;
  }
}

function row(entry) {
  const { level } = entry;
  return h('li', { class: `log-entry level-${level} s-${LEVEL_STATUS[level]}` },
    h('span', { class: 'log-time', text: `[${clock(entry.time)}]` }), ' ',
    h('span', { class: 'log-level', text: level.toUpperCase() }), ' ',
    entry.component ? h('span', { class: 'log-component', text: entry.component }) : null, entry.component ? ' ' : null,
    h('span', { class: 'log-message', text: entry.message }));
}
