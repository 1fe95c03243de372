// The coverage heatmap (issue 16, point 5): days (or months) across, symbols down, each cell coloured by its ledger
// state and quality score, read from api/coverage. A click on a cell opens that archive's quality report; "Fetch
// what is missing" asks the server to list the selection upstream and download what it lacks (api/coverage/expand).
// Drawn on a canvas so five years of two hundred symbols paint at once.
import { h, setText } from '../dom.js';
import { api } from '../api.js';
import { str, opt, num, arrayOf, conforms, MismatchMarker } from '../shape.js';

/** GET api/coverage. */
const PAGE = { items: arrayOf({ key: str, symbol: str, date: str, state: str, scorePercent: opt(num), gaps: opt(num) }),
  next: opt(str) };
/** Entries the heatmap reads at most (pages of the server's largest size). */
const MAX_ENTRIES = 400_000;
const PAGE_SIZE = 10_000;
const LABEL_WIDTH = 110;
/** What each colour says; a verified archive takes its colour from its score and gaps. */
export const COLOURS = {
  absent: '#9aa0a6', listed: '#b3d4f5', queued: '#4a90d9', failed: '#d93025', republished: '#8e44ad',
  good: '#1e8e3e', warning: '#f29900', critical: '#d93025', none: 'transparent',
};

/** The colour key of one entry: its state, or for a verified archive its score (and gaps). */
export function colourOf(entry) {
  if (entry.state !== 'verified') return entry.state;
  if (entry.scorePercent == null) return 'queued';
  if (entry.scorePercent < 80) return 'critical';
  return entry.scorePercent < 95 || entry.gaps > 0 ? 'warning' : 'good';
}

function days(from, to, monthly) {
  const out = [];
  const d = new Date(`${monthly ? `${from}-01` : from}T00:00:00Z`);
  const end = new Date(`${monthly ? `${to}-01` : to}T00:00:00Z`);
  while (d <= end && out.length < 10_000) {
    out.push(d.toISOString().slice(0, monthly ? 7 : 10));
    if (monthly) d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

export class CoveragePanel {
  constructor(log) {
    this.log = log;
    this.mismatch = new MismatchMarker();
    this.entries = new Map();
    this.inputs = {};
    const field = (name, label, value, attrs = {}) => {
      this.inputs[name] = h('input', { name, value, ...attrs });
      return h('label', {}, label, ' ', this.inputs[name]);
    };
    this.form = h('form', { class: 'coverage-form', onsubmit: e => { e.preventDefault(); this.show(); } },
      field('market', 'Market', 'um', { size: 6 }), field('dataType', 'Type', 'klines', { size: 14 }),
      field('interval', 'Interval', '1h', { size: 4 }), field('period', 'Period', 'daily', { size: 7 }),
      field('symbol', 'Symbol', '', { size: 10, placeholder: 'all' }),
      field('from', 'From', '', { size: 10, placeholder: 'YYYY-MM-DD' }),
      field('to', 'To', '', { size: 10, placeholder: 'YYYY-MM-DD' }),
      h('button', { type: 'submit', class: 'primary' }, 'Show'),
      h('button', { type: 'button', class: 'fetch-missing', onclick: () => this.fetchMissing() }, 'Fetch what is missing'));
    this.notice = h('p', { class: 'notice', role: 'status' });
    this.legend = h('p', { class: 'coverage-legend' });
    this.canvas = h('canvas', { class: 'coverage-heatmap', 'aria-label': 'Coverage heatmap' });
    this.canvas.addEventListener('click', e => this.open(e));
    this.report = h('pre', { class: 'coverage-report', hidden: true });
    this.el = h('section', { class: 'panel coverage', 'data-section': 'coverage', 'aria-labelledby': 'coverage-title' },
      h('header', { class: 'panel-head' }, h('h2', { id: 'coverage-title', text: 'Coverage' })),
      this.mismatch.el, this.form, this.notice, this.legend, h('div', { class: 'coverage-scroll' }, this.canvas),
      this.report);
  }

  /** The filters of the form, as query parameters (empty ones left out). */
  filters() {
    const q = new URLSearchParams();
    for (const [name, input] of Object.entries(this.inputs)) {
      if (input.value.trim()) q.set(name, input.value.trim());
    }
    return q;
  }

  async show() {
    const started = performance.now();
    const q = this.filters();
    q.set('limit', String(PAGE_SIZE));
    this.entries.clear();
    let cursor = null;
    try {
      do {
        if (cursor) q.set('cursor', cursor);
        const page = await api('GET', `coverage?${q}`);
        if (!conforms(PAGE, page, 'coverage', this.mismatch)) return;
        page.items.forEach(e => this.entries.set(`${e.symbol}|${e.date}`, e));
        cursor = page.next;
      } while (cursor && this.entries.size < MAX_ENTRIES);
    } catch (e) {
      setText(this.notice, e.field ? `${e.field}: ${e.message}` : e.message);
      return;
    }
    this.draw();
    this.el.dataset.paintMs = String(Math.round(performance.now() - started));
    setText(this.notice, `${this.entries.size} archive(s)`);
  }

  draw() {
    const values = [...this.entries.values()];
    const monthly = (this.inputs.period.value || 'daily') === 'monthly';
    const dates = values.map(e => e.date).sort();
    const from = this.inputs.from.value || dates[0];
    const to = this.inputs.to.value || dates[dates.length - 1];
    this.columns = from && to ? days(from, to, monthly) : [];
    this.rows = [...new Set(values.map(e => e.symbol))].sort();
    const cell = Math.max(2, Math.min(14, Math.floor(1200 / Math.max(1, this.columns.length))));
    this.cell = cell;
    this.canvas.width = LABEL_WIDTH + this.columns.length * cell;
    this.canvas.height = Math.max(cell, this.rows.length * cell);
    Object.assign(this.canvas.dataset, { cell: String(cell), labelWidth: String(LABEL_WIDTH),
      columns: this.columns.join(','), rows: this.rows.join(',') });
    const g = this.canvas.getContext('2d');
    g.clearRect(0, 0, this.canvas.width, this.canvas.height);
    g.font = `${Math.min(12, cell)}px sans-serif`;
    g.fillStyle = getComputedStyle(this.el).color || '#000';
    const index = new Map(this.columns.map((d, i) => [d, i]));
    const rowOf = new Map(this.rows.map((symbol, r) => [symbol, r]));
    const counts = {};
    this.rows.forEach((symbol, r) => {
      if (cell >= 8) g.fillText(symbol, 2, r * cell + cell - 2);
    });
    for (const e of values) {
      const c = index.get(e.date);
      const r = rowOf.get(e.symbol);
      const key = colourOf(e);
      counts[e.state] = (counts[e.state] ?? 0) + 1;
      if (c === undefined || r === undefined) continue;
      g.fillStyle = COLOURS[key];
      g.fillRect(LABEL_WIDTH + c * cell, r * cell, cell - (cell > 3 ? 1 : 0), cell - (cell > 3 ? 1 : 0));
    }
    setText(this.legend, Object.entries(counts).sort().map(([s, n]) => `${s} ${n}`).join(' · '));
  }

  /** The entry under a click, then its quality report (or its state and reason when it has none). */
  async open(event) {
    const rect = this.canvas.getBoundingClientRect();
    const x = (event.clientX - rect.left) * (this.canvas.width / rect.width) - LABEL_WIDTH;
    const y = (event.clientY - rect.top) * (this.canvas.height / rect.height);
    const date = this.columns?.[Math.floor(x / this.cell)];
    const symbol = this.rows?.[Math.floor(y / this.cell)];
    const entry = this.entries.get(`${symbol}|${date}`);
    if (!entry) return;
    this.report.hidden = false;
    this.report.dataset.key = entry.key;
    let text = `${entry.key}\nstate: ${entry.state}${entry.reason ? ` (${entry.reason})` : ''}`;
    // Only a scanned archive has a report: asking for the others would only be a 404.
    if (entry.scorePercent == null) {
      setText(this.report, `${text}\nnot scanned`);
      return;
    }
    try {
      const report = await api('GET', `quality/${entry.key}`);
      text += `\nscore: ${report.scorePercent} %  rows: ${report.rows}  bad: ${report.badRows}  gaps: ${report.gaps?.count}`
        + `${report.coverage ? `  coverage: ${report.coverage.percent} %` : ''}`;
    } catch (e) {
      text += `\nno quality report (${e.message})`;
    }
    setText(this.report, text);
  }

  /** Lists the selection upstream and downloads what it lacks: one expansion per symbol shown (or every symbol). */
  async fetchMissing() {
    const q = this.filters();
    const base = {};
    for (const name of ['market', 'period', 'dataType', 'interval', 'from', 'to']) {
      if (q.get(name)) base[name] = q.get(name);
    }
    const symbols = q.get('symbol') ? [q.get('symbol')] : ['*'];
    try {
      for (const symbol of symbols) {
        const done = await api('POST', 'coverage/expand', { ...base, symbol, fetch: true });
        setText(this.notice, `listed ${done.listed}, absent ${done.absent}, queued ${done.queued}, cached ${done.cached}`);
        this.log?.client?.(`Coverage: queued ${done.queued} archive(s) missing from the selection`);
      }
    } catch (e) {
      setText(this.notice, e.field ? `${e.field}: ${e.message}` : e.message);
    }
  }
}
