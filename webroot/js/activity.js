// The activity log: "[HH:MM:SS] message", levels told apart by icon, word and colour, newest at the bottom,
// kept scrolled to the newest unless the reader scrolled up, at most 100 entries.
import { h, clock } from './dom.js';

const MAX_ENTRIES = 100;
const LEVEL_STATUS = { info: 'neutral', warning: 'warning', error: 'critical' };

export class ActivityLog {
  constructor(list) {
    this.list = list;
    this.entries = [];
    this.clientEntries = [];
    this.stick = true;
    list.addEventListener('scroll', () => {
      this.stick = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
    });
  }

  /** Replaces the server's part of the log (from a snapshot), keeping the page's own entries. */
  replace(serverEntries) {
    const merged = [...(serverEntries ?? []).map(e => ({ ...e, origin: 'server' })), ...this.clientEntries]
      .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    this.entries = merged.slice(-MAX_ENTRIES);
    this.list.replaceChildren(...this.entries.map(row));
    this.scroll();
  }

  /** Appends one server entry {time, level, message, component}. */
  add(entry) {
    this.append({ ...entry, origin: 'server' });
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
  const level = LEVEL_STATUS[entry.level] ? entry.level : 'info';
  return h('li', { class: `log-entry level-${level} s-${LEVEL_STATUS[level]}` },
    h('span', { class: 'log-time', text: `[${clock(entry.time)}]` }), ' ',
    h('span', { class: 'log-level', text: level.toUpperCase() }), ' ',
    entry.component ? h('span', { class: 'log-component', text: entry.component }) : null, entry.component ? ' ' : null,
    h('span', { class: 'log-message', text: entry.message ?? '' }));
}
