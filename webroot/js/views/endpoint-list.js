// Every endpoint, however many (ten thousand on one node), as a virtual list: only the rows in view (plus a few) exist
// in the DOM, placed by their index, and only the rows in view plus a margin are read from GET api/probes (filtered
// and sorted by the server, at an offset), with the total and the counts. Scrolling reads the rows it reaches; the
// refresh every 5 s reads the same window again. So the first paint, scrolling, searching and refreshing cost the same
// at 10 or 10,000: reading every page (2 MB at 10,000) took seconds and was done again every 5 s.
import { h, setText, formatValue } from '../dom.js';
import { api } from '../api.js';
import { painted } from '../first-paint.js';
import { badge, setBadge } from '../status.js';
import { str, num, bool, opt, arrayOf, STATUS, conforms, MismatchMarker } from '../shape.js';

/** One page of GET api/probes, as far as this list reads it. */
const PAGE = {
  endpoints: arrayOf({
    name: str, url: str, method: str, status: STATUS, statusCode: opt(num), latencyMs: opt(num), ok: opt(bool),
    reason: opt(str), p95: opt(num), uptimePercent: opt(num),
  }),
  offset: num,
  total: num,
  matched: num,
};

const ROW_HEIGHT = 29;
/** The viewport's height in the style sheet (.endpoint-viewport), until it is measured. */
const VIEWPORT_HEIGHT = 360;
const OVERSCAN = 8;
/** Rows read beyond each edge of the view, so a short scroll finds them already read. */
const MARGIN = 60;
/** The most rows one GET api/probes returns. */
const PAGE_LIMIT = 1000;
const REFRESH_MS = 5000;
const SEARCH_DELAY_MS = 200;
/** Scrolling reads the rows it reaches once it pauses this long, not at every scroll event. */
const SCROLL_READ_DELAY_MS = 80;

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
    this.window = { offset: 0, rows: [] };
    this.matched = 0;
    this.total = 0;
    this.read = 0;
    this.asking = null;
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
    // Where the viewport is scrolled and how tall it is, as its scroll events and a ResizeObserver tell: read from the
    // element while the page is being built, they would lay the whole page out for each draw.
    this.top = 0;
    this.height = VIEWPORT_HEIGHT;
    this.viewport = h('div', { class: 'endpoint-viewport', role: 'rowgroup', tabindex: '0',
      onscroll: () => {
        this.top = this.viewport.scrollTop;
        this.drawSoon();
      } }, this.spacer);
    new ResizeObserver(([entry]) => {
      const height = Math.round(entry.contentRect.height);
      if (height > 0 && height !== this.height) {
        this.height = height;
        this.drawSoon();
      }
    }).observe(this.viewport);
    this.pool = [];
    this.el = h('div', { class: 'endpoint-list', role: 'table', 'aria-label': 'All endpoints' },
      h('h3', { text: 'All endpoints' }),
      h('div', { class: 'endpoint-controls' }, this.search, this.status, this.sort),
      this.mismatch.el, this.count,
      h('div', { class: 'endpoint-row endpoint-head', role: 'row' },
        COLUMNS.map(c => h('span', { role: 'columnheader', class: c.cls, text: c.title }))),
      this.viewport);
    this.timer = setInterval(() => {
      if (!document.hidden && !this.asking) this.load();
    }, REFRESH_MS);
    this.load();
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

  /** A new query: back to the top; the rows drawn stay until its first rows come. */
  reload() {
    this.viewport.scrollTop = 0;
    this.top = 0;
    this.load();
  }

  /** The indexes in view, [first, last), as far as the list is known. */
  view() {
    return [Math.floor(this.top / ROW_HEIGHT), Math.ceil((this.top + this.height) / ROW_HEIGHT)];
  }

  /**
   * Reads the rows in view plus a margin, with the total and the counts, for the current query. A read superseded by
   * a newer one (a new query, a scroll elsewhere) is dropped when it comes.
   */
  async load() {
    const read = ++this.read;
    const [first, last] = this.view();
    const from = Math.max(0, first - MARGIN);
    const params = this.query();
    const key = params.toString();
    params.set('offset', String(from));
    params.set('limit', String(Math.min(PAGE_LIMIT, last + MARGIN - from)));
    this.asking = { key, from, to: last + MARGIN };
    try {
      const page = await api('GET', `probes?${params}`);
      if (read !== this.read) return;
      if (!conforms(PAGE, page, 'GET api/probes', this.mismatch)) return;
      this.key = key;
      this.window = { offset: page.offset, rows: page.endpoints };
      this.matched = page.matched;
      this.total = page.total;
      this.show();
    } catch (e) {
      if (read === this.read) setText(this.count, `Endpoints could not be read: ${e.message}`);
    } finally {
      if (read === this.read) this.asking = null;
    }
  }

  /** Reads the rows now in view if neither the rows read nor the read under way hold them. */
  readSoon() {
    const [first, last] = this.view();
    const from = Math.max(0, first - OVERSCAN);
    const to = Math.min(this.matched, last + OVERSCAN);
    const key = this.query().toString();
    const held = this.key === key && from >= this.window.offset && to <= this.window.offset + this.window.rows.length;
    const coming = this.asking && this.asking.key === key && from >= this.asking.from && to <= this.asking.to;
    if (held || coming || to <= from) return;
    clearTimeout(this.scrollTimer);
    this.scrollTimer = setTimeout(() => this.load(), SCROLL_READ_DELAY_MS);
  }

  /** The row at an index of the list, if it is among those read. */
  rowAt(index) {
    return this.window.rows[index - this.window.offset];
  }

  show() {
    const shown = this.matched === this.total ? `${this.total.toLocaleString('en')} endpoints`
      : `${this.matched.toLocaleString('en')} of ${this.total.toLocaleString('en')} endpoints`;
    setText(this.count, shown);
    this.spacer.style.height = `${this.matched * ROW_HEIGHT}px`;
    this.el.setAttribute('aria-rowcount', String(this.matched + 1));
    this.draw();
  }

  drawSoon() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.draw();
      this.readSoon();
    });
  }

  /** Places pooled row nodes on the indexes in view; rows not read yet say so. */
  draw() {
    const [inView, pastView] = this.view();
    const first = Math.max(0, inView - OVERSCAN);
    const last = Math.min(this.matched, pastView + OVERSCAN);
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
      const e = this.rowAt(index);
      const [name, , last, p95, uptime] = row.children;
      row.dataset.endpoint = e ? e.name : '';
      setText(name, e ? e.name : 'loading…');
      name.title = e ? `${e.method} ${e.url}` : '';
      setBadge(row.badge, e ? e.status : 'neutral', e ? outcome(e) : '…');
      setText(last, e ? msText(e.latencyMs) : '');
      setText(p95, e ? msText(e.p95) : '');
      setText(uptime, e && e.uptimePercent != null ? `${formatValue(e.uptimePercent)} %` : e ? '—' : '');
    });
    if (this.firstPaintMs === null && this.window.rows.length > 0) {
      // Painted: the frame that lays these rows out has run (the task after it), not merely placed in the document.
      this.firstPaintMs = 0;
      requestAnimationFrame(() => setTimeout(() => {
        this.firstPaintMs = Math.round(performance.now());
        this.el.dataset.firstPaintMs = String(this.firstPaintMs);
        painted();
      }));
    }
  }
}
