// Every endpoint, however many (ten thousand on one node): read page by page from GET api/probes (filtered and
// sorted by the server), kept as plain objects, and drawn as a virtual list: only the rows in view (plus a few) exist
// in the DOM, placed by their index, so scrolling, searching and live refreshes cost the same at 10 or 10,000.
import { h, setText, formatValue } from '../dom.js';
import { api } from '../api.js';
import { badge, setBadge } from '../status.js';
import { str, num, bool, opt, arrayOf, STATUS, conforms, MismatchMarker } from '../shape.js';

/** One page of GET api/probes, as far as this list reads it. */
const PAGE = {
  endpoints: arrayOf({
    name: str, url: str, method: str, status: STATUS, statusCode: opt(num), latencyMs: opt(num), ok: opt(bool),
    reason: opt(str), p95: opt(num), uptimePercent: opt(num),
  }),
  total: num,
  matched: num,
  nextCursor: opt(str),
};

const ROW_HEIGHT = 29;
const OVERSCAN = 8;
const FIRST_PAGE = 100;
const PAGE_SIZE = 1000;
const REFRESH_MS = 5000;
const SEARCH_DELAY_MS = 200;

const SORTS = [
  ['added', 'Configuration order'], ['-status', 'Worst first'], ['-latency', 'Slowest first'],
  ['latency', 'Fastest first'], ['-p95', 'Highest p95 first'], ['uptime', 'Lowest uptime first'],
  ['name', 'Name A to Z'], ['-name', 'Name Z to A'],
];
const STATUSES = [['', 'All statuses'], ['critical', 'Failing'], ['warning', 'Slow'], ['good', 'Good'], ['neutral', 'Pending']];

const msText = v => (typeof v === 'number' ? `${formatValue(v)} ms` : '—');
const outcome = e => (e.ok === false && e.reason ? `${e.statusCode || ''} ${e.reason}`.trim()
  : e.statusCode ? String(e.statusCode) : 'pending');

const COLUMNS = [
  { title: 'Endpoint', cls: 'name' },
  { title: 'Status', cls: 'status' },
  { title: 'Last', cls: 'num' },
  { title: 'p95', cls: 'num' },
  { title: 'Uptime', cls: 'num' },
];

export class EndpointList {
  constructor() {
    this.rows = [];
    this.matched = 0;
    this.total = 0;
    this.walk = 0;
    this.walking = false;
    this.firstPaintMs = null;
    this.mismatch = new MismatchMarker();
    this.search = h('input', { type: 'search', class: 'endpoint-search', placeholder: 'Search name or URL',
      'aria-label': 'Search endpoints by name or URL', oninput: () => this.searchSoon() });
    this.status = h('select', { class: 'endpoint-status', 'aria-label': 'Filter endpoints by status',
      onchange: () => this.reload() }, STATUSES.map(([value, text]) => h('option', { value, text })));
    this.sort = h('select', { class: 'endpoint-sort', 'aria-label': 'Sort endpoints',
      onchange: () => this.reload() }, SORTS.map(([value, text]) => h('option', { value, text })));
    this.count = h('p', { class: 'endpoint-count', role: 'status', text: 'Loading endpoints…' });
    this.spacer = h('div', { class: 'endpoint-spacer' });
    this.viewport = h('div', { class: 'endpoint-viewport', role: 'rowgroup', tabindex: '0',
      onscroll: () => this.drawSoon() }, this.spacer);
    this.pool = [];
    this.el = h('div', { class: 'endpoint-list', role: 'table', 'aria-label': 'All endpoints' },
      h('h3', { text: 'All endpoints' }),
      h('div', { class: 'endpoint-controls' }, this.search, this.status, this.sort),
      this.mismatch.el, this.count,
      h('div', { class: 'endpoint-row endpoint-head', role: 'row' },
        COLUMNS.map(c => h('span', { role: 'columnheader', class: c.cls, text: c.title }))),
      this.viewport);
    this.timer = setInterval(() => {
      if (!document.hidden && !this.walking) this.load(false);
    }, REFRESH_MS);
    this.load(true);
  }

  query() {
    const params = new URLSearchParams();
    if (this.search.value.trim()) params.set('q', this.search.value.trim());
    if (this.status.value) params.set('status', this.status.value);
    if (this.sort.value !== 'added') params.set('sort', this.sort.value);
    return params;
  }

  searchSoon() {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.reload(), SEARCH_DELAY_MS);
  }

  /** A new query: back to the top, its rows shown as its pages come. */
  reload() {
    this.viewport.scrollTop = 0;
    this.load(true);
  }

  /**
   * Walks every page of the current query. A new query shows each page as it comes (the first one small, for a
   * quick first paint); a refresh of the same query swaps the rows in once complete, so nothing jumps meanwhile.
   * A walk superseded by a newer one stops.
   */
  async load(progressive) {
    const walk = ++this.walk;
    this.walking = true;
    const rows = [];
    let cursor = null;
    let limit = progressive ? FIRST_PAGE : PAGE_SIZE;
    try {
      do {
        const params = this.query();
        params.set('limit', String(limit));
        if (cursor) params.set('cursor', cursor);
        const page = await api('GET', `probes?${params}`);
        if (walk !== this.walk) return;
        if (!conforms(PAGE, page, 'GET api/probes', this.mismatch)) break;
        rows.push(...page.endpoints);
        this.matched = page.matched;
        this.total = page.total;
        cursor = page.nextCursor;
        limit = PAGE_SIZE;
        if (progressive) this.show(rows);
      } while (cursor);
      this.show(rows);
    } catch (e) {
      if (walk === this.walk) setText(this.count, `Endpoints could not be read: ${e.message}`);
    } finally {
      if (walk === this.walk) this.walking = false;
    }
  }

  show(rows) {
    this.rows = rows;
    const shown = this.matched === this.total ? `${this.total.toLocaleString('en')} endpoints`
      : `${this.matched.toLocaleString('en')} of ${this.total.toLocaleString('en')} endpoints`;
    setText(this.count, rows.length < this.matched ? `${shown} (${rows.length.toLocaleString('en')} read so far)` : shown);
    this.spacer.style.height = `${this.matched * ROW_HEIGHT}px`;
    this.el.setAttribute('aria-rowcount', String(this.matched + 1));
    this.draw();
  }

  drawSoon() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.draw();
    });
  }

  /** Places pooled row nodes on the indexes in view; rows not read yet say so. */
  draw() {
    const top = this.viewport.scrollTop;
    const height = this.viewport.clientHeight || 360;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.matched, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const needed = Math.max(0, last - first);
    while (this.pool.length < needed) {
      const row = h('div', { class: 'endpoint-row', role: 'row' },
        COLUMNS.map(c => h('span', { role: 'cell', class: c.cls })));
      row.badge = badge('neutral');
      row.children[1].append(row.badge);
      this.pool.push(row);
      this.viewport.append(row);
    }
    this.pool.forEach((row, k) => {
      const index = first + k;
      if (k >= needed) {
        row.hidden = true;
        return;
      }
      row.hidden = false;
      row.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
      row.setAttribute('aria-rowindex', String(index + 2));
      const e = this.rows[index];
      const [name, , last, p95, uptime] = row.children;
      row.dataset.endpoint = e ? e.name : '';
      setText(name, e ? e.name : 'loading…');
      name.title = e ? `${e.method} ${e.url}` : '';
      setBadge(row.badge, e ? e.status : 'neutral', e ? outcome(e) : '…');
      setText(last, e ? msText(e.latencyMs) : '');
      setText(p95, e ? msText(e.p95) : '');
      setText(uptime, e && e.uptimePercent != null ? `${formatValue(e.uptimePercent)} %` : e ? '—' : '');
    });
    if (this.firstPaintMs === null && this.rows.length > 0) {
      this.firstPaintMs = Math.round(performance.now());
      this.el.dataset.firstPaintMs = String(this.firstPaintMs);
    }
  }
}
