// The stress test panel: one click runs the seed's default (10 requests, 50 ms apart, to the first endpoint);
// a form runs the closed or open model; a live chart follows the run; the result table shows corrected and
// uncorrected percentiles; the .hgrm distribution downloads. Progress comes from /ws "stress" frames and, so a
// run is followed even without them, from polling GET api/stress/{id} once a second.
import { h, setText, formatValue, clock } from './dom.js';
import { badge, setBadge } from './status.js';
import { MetricGrid } from './metrics.js';
import { LineChart } from './chart.js';
import { api } from './api.js';
import { KeyedTable } from './table.js';
import { wordBadge } from './status-badge.js';

const POLL_MS = 1000;
const PERCENTILES = [['Mean', 'mean'], ['p50', 'p50'], ['p90', 'p90'], ['p99', 'p99'], ['p99.9', 'p999'], ['Max', 'max']];
const ACTIVE = new Set(['running']);

/** A latency in ms from {p50} or {p50Ms}. */
function ms(obj, name) {
  if (!obj) return null;
  const v = obj[name] ?? obj[`${name}Ms`] ?? (name === 'p999' ? obj['p99.9'] ?? obj.p99_9 : undefined);
  return typeof v === 'number' ? v : null;
}

export class StressPanel {
  constructor(log) {
    this.log = log;
    this.run = null;
    this.pollTimer = null;
    this.grid = new MetricGrid();
    this.badge = badge('neutral', 'badge section-status');
    this.notice = h('p', { class: 'notice section-notice', role: 'status', hidden: true });

    this.defaultButton = h('button', { type: 'button', class: 'primary', onclick: () => this.start({}, 'default') },
      'Run default test');
    this.stopButton = h('button', { type: 'button', disabled: true, onclick: () => this.stop() }, 'Stop');
    this.form = this.buildForm();
    this.state = h('p', { class: 'run-state', role: 'status', 'aria-live': 'polite', text: 'No run yet. The default sends 10 requests, 50 ms apart, to the first endpoint.' });
    this.chart = new LineChart({ label: 'Stress run latency, corrected, so far', unit: 'ms', time: false, xLabel: 'elapsed s',
      series: ['p50', 'p90', 'p99'], height: 150, maxPoints: 3600 });
    this.chart.el.hidden = true;
    this.results = h('tbody');
    this.summary = h('dl', { class: 'run-summary' });
    this.hgrm = h('a', { class: 'button-link', text: 'Download .hgrm (corrected)' });
    this.hgrmUncorrected = h('a', { class: 'button-link', text: '.hgrm (uncorrected)' });
    this.resultBlock = h('div', { class: 'stress-result', hidden: true },
      h('table', { class: 'data percentiles' },
        h('caption', { text: 'Latency percentiles (ms): corrected from the intended send time, uncorrected from the actual send' }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Percentile' }), h('th', { scope: 'col', class: 'num', text: 'Corrected' }),
          h('th', { scope: 'col', class: 'num', text: 'Uncorrected' }))),
        this.results),
      this.summary, h('p', { class: 'hgrm-links' }, this.hgrm, ' ', this.hgrmUncorrected));
    this.history = new KeyedTable('Recent runs', [
      { title: 'Started', cell: r => (r.startedAt ? clock(r.startedAt) : '—') },
      { title: 'Plan', cell: r => r.plan ?? '—' },
      { title: 'Verdict', cell: r => wordBadge(r.pass ? 'good' : 'critical', r.pass ? 'pass' : (r.state === 'completed' ? 'fail' : r.state)) },
      { title: 'Success', numeric: true, cell: r => (r.successPercent != null ? `${formatValue(r.successPercent)} %` : '—') },
      { title: 'p99 corr.', numeric: true, cell: r => (r.p99Ms != null ? `${formatValue(r.p99Ms)} ms` : '—') },
      { title: 'p99 uncorr.', numeric: true, cell: r => (r.uncorrectedP99Ms != null ? `${formatValue(r.uncorrectedP99Ms)} ms` : '—') },
      { title: 'req/s', numeric: true, cell: r => formatValue(r.achievedPerSec) },
    ], r => r.id, 'No run yet.');

    this.el = h('section', { class: 'panel stress', 'data-section': 'stress', 'aria-labelledby': 'stress-title' },
      h('header', { class: 'panel-head' }, h('h2', { id: 'stress-title', text: 'Stress test' }), this.badge),
      this.notice,
      this.grid.el,
      h('div', { class: 'stress-controls' }, this.defaultButton, this.stopButton),
      this.form, this.state, this.chart.el, this.resultBlock,
      h('details', { class: 'stress-history' }, h('summary', { text: 'Recent runs' }), this.history.el));
  }

  buildForm() {
    const field = (label, name, value, attrs = {}) => h('label', { class: `field field-${name}` }, label,
      h('input', { name, type: 'number', value, min: '1', inputmode: 'numeric', ...attrs }));
    const model = (value, text, checked) => h('label', { class: 'radio' },
      h('input', { type: 'radio', name: 'plan', value, checked }), text);
    const form = h('form', { class: 'stress-form', 'aria-label': 'Custom stress run' },
      h('fieldset', {}, h('legend', { text: 'Model' }),
        model('sequential', 'Sequential (seed)', true), model('closed', 'Closed: C connections back to back', false),
        model('open', 'Open: constant arrival rate', false)),
      h('label', { class: 'field field-target' }, 'Target URL (a probe endpoint or a loopback address)',
        h('input', { name: 'target', type: 'url', placeholder: 'first configured endpoint', autocomplete: 'off' })),
      h('div', { class: 'fields' },
        field('Requests', 'requests', '10', { 'data-plans': 'sequential closed' }),
        field('Spacing between requests (ms)', 'spacingMs', '50', { 'data-plans': 'sequential' }),
        field('Connections', 'connections', '4', { 'data-plans': 'closed open' }),
        field('Rate (requests/s)', 'rate', '50', { 'data-plans': 'open', step: 'any' }),
        field('Duration (s)', 'durationSeconds', '10', { 'data-plans': 'closed open', step: 'any' })),
      h('button', { type: 'submit' }, 'Run custom test'));
    const sync = () => {
      const plan = form.elements.plan.value;
      for (const input of form.querySelectorAll('[data-plans]')) {
        const on = input.dataset.plans.split(' ').includes(plan);
        input.disabled = !on;
        input.closest('label').classList.toggle('off', !on);
      }
    };
    form.addEventListener('change', sync);
    form.addEventListener('submit', event => {
      event.preventDefault();
      const body = { plan: form.elements.plan.value };
      const target = form.elements.target.value.trim();
      if (target) body.target = target;
      for (const input of form.querySelectorAll('[data-plans]')) {
        if (input.disabled || input.value === '') continue;
        if (input.name === 'durationSeconds') body.durationMs = Math.round(Number(input.value) * 1000);
        else body[input.name] = Number(input.value);
      }
      this.start(body, body.plan);
    });
    sync();
    return h('details', { class: 'stress-custom' }, h('summary', { text: 'Custom run: closed or open model' }), form);
  }

  // Board interface: the stress section published by the server (summary cards), if any.
  update(section) {
    this.notice.hidden = true;
    this.el.classList.remove('not-running');
    setBadge(this.badge, section.status);
    this.grid.update(section.metrics);
    this.history.update(section.details?.history ?? []);
    // A run started elsewhere (another tab, the API) is followed too.
    const active = section.details?.active?.[0];
    if (active && (!this.run || this.run.done) && active.id !== this.run?.id) {
      this.setBusy(true);
      this.follow(active);
    }
  }

  notRunning(reason) {
    // The controls stay: the API is the authority on whether a run can start.
    this.grid.update([]);
    setBadge(this.badge, 'neutral', this.available === false ? 'Not running' : 'Idle');
    if (this.available === false) this.unavailable(reason);
  }

  unavailable(reason) {
    this.available = false;
    setBadge(this.badge, 'neutral', 'Not running');
    setText(this.notice, reason ?? 'Not running: the stress tester is not deployed on this server.');
    this.notice.hidden = false;
    this.el.classList.add('not-running');
  }

  async start(body, label) {
    this.setBusy(true);
    setText(this.state, 'Starting…');
    try {
      const run = await api('POST', 'stress', body);
      this.available = true;
      this.notice.hidden = true;
      this.el.classList.remove('not-running');
      this.follow(run);
      this.log.client(`Stress test ${run.id} started (${label})`);
    } catch (e) {
      this.setBusy(false);
      if (e.notRunning && e.status !== 503) {
        this.unavailable();
        setText(this.state, 'The stress tester is not running on this server.');
      } else {
        setText(this.state, `Could not start: ${e.message}`);
      }
      this.log.client(`Stress test refused: ${e.message} (${e.code})`, e.status >= 500 || e.status === 0 ? 'error' : 'warning');
    }
  }

  follow(run) {
    this.run = { id: run.id, startedAt: Date.now() };
    this.chart.clear();
    this.chart.el.hidden = false;
    this.resultBlock.hidden = true;
    this.show(run);
    clearInterval(this.pollTimer);
    this.pollTimer = setInterval(() => this.poll(), POLL_MS);
  }

  async poll() {
    if (!this.run) return;
    try {
      this.show(await api('GET', `stress/${encodeURIComponent(this.run.id)}`));
    } catch (e) {
      if (e.status === 0) return;
      this.finish();
      setText(this.state, `Lost the run: ${e.message}`);
    }
  }

  /** A /ws "stress" frame: progress of some run. */
  onFrame(frame) {
    if (this.run && frame.id === this.run.id) this.show(frame);
  }

  async stop() {
    if (!this.run) return;
    try {
      this.show(await api('DELETE', `stress/${encodeURIComponent(this.run.id)}`));
      this.log.client(`Stress test ${this.run?.id ?? ''} stopped`, 'warning');
    } catch (e) {
      this.log.client(`Could not stop the stress test: ${e.message}`, 'warning');
    }
  }

  show(run) {
    if (!this.run || run.id !== this.run.id || this.run.done) return;
    const progress = run.progress ?? run;
    const state = run.state ?? 'running';
    const elapsed = (progress.elapsedMs ?? (progress.elapsedSeconds != null ? progress.elapsedSeconds * 1000 : Date.now() - this.run.startedAt)) / 1000;
    const total = progress.total ?? progress.soFar ?? progress;
    if (ACTIVE.has(state) && elapsed !== this.run.lastElapsed && (ms(total, 'p50') != null)) {
      this.run.lastElapsed = elapsed;
      this.chart.push(Math.round(elapsed * 10) / 10, [ms(total, 'p50'), ms(total, 'p90'), ms(total, 'p99')]);
    }
    const parts = [`Run ${run.id}: ${state}`];
    if (progress.sent != null) parts.push(`${progress.sent} sent`);
    if (progress.completed != null) parts.push(`${progress.completed} completed`);
    if (progress.ok != null) parts.push(`${progress.ok} ok`);
    if (progress.errors != null) parts.push(`${typeof progress.errors === 'number' ? progress.errors : Object.values(progress.errors).reduce((a, b) => a + b, 0)} errors`);
    if (progress.ratePerSec != null) parts.push(`${formatValue(progress.ratePerSec)} req/s`);
    setText(this.state, parts.join(' · '));
    if (!ACTIVE.has(state)) {
      this.finish();
      this.showResult(run);
    }
  }

  showResult(run) {
    const result = run;
    const corrected = result.latencyMs?.corrected;
    const uncorrected = result.latencyMs?.uncorrected;
    this.results.replaceChildren(...PERCENTILES.map(([title, key]) => h('tr', {},
      h('th', { scope: 'row', text: title }),
      h('td', { class: 'num', text: formatValue(ms(corrected, key)) }),
      h('td', { class: 'num', text: formatValue(ms(uncorrected, key)) }))));
    const facts = [];
    const passed = result.verdict?.pass;
    if (run.state) facts.push(['State', run.state]);
    if (result.target) facts.push(['Target', result.target]);
    if (result.successPercent != null) facts.push(['Success', `${formatValue(result.successPercent)} % of ${formatValue(result.completed)}`]);
    const throughput = result.throughput;
    if (throughput) {
      facts.push(['Throughput', `${formatValue(throughput.achievedPerSec)} req/s`
        + (throughput.plannedPerSec != null ? ` of ${formatValue(throughput.plannedPerSec)} planned` : '')]);
    }
    if (passed != null) facts.push(['Verdict', `${passed ? 'Pass' : 'Fail'}${result.verdict.reasons?.length ? `: ${result.verdict.reasons.join('; ')}` : ''}`]);
    if (result.generator?.saturated) facts.push(['Generator', `saturated: ${result.generator.reason ?? 'the figures understate the target'}`]);
    if (result.endedAt) facts.push(['Ended', clock(result.endedAt)]);
    this.summary.replaceChildren(...facts.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]));
    if (passed != null) setBadge(this.badge, passed ? 'good' : 'critical', passed ? 'Passed' : 'Failed');
    const id = encodeURIComponent(run.id);
    this.hgrm.href = `api/stress/${id}/hgrm`;
    this.hgrm.setAttribute('download', `stress-${run.id}-corrected.hgrm`);
    this.hgrmUncorrected.href = `api/stress/${id}/hgrm?kind=uncorrected`;
    this.hgrmUncorrected.setAttribute('download', `stress-${run.id}-uncorrected.hgrm`);
    this.resultBlock.hidden = false;
    const p99 = ms(corrected, 'p99');
    this.log.client(`Stress test ${run.id} ${run.state ?? 'done'}: ${result.successPercent != null ? `${formatValue(result.successPercent)} % success, ` : ''}p99 ${formatValue(p99)} ms corrected, ${formatValue(ms(uncorrected, 'p99'))} ms uncorrected`,
      passed === false ? 'warning' : 'info');
  }

  finish() {
    if (this.run) this.run.done = true;
    clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.setBusy(false);
  }

  setBusy(busy) {
    this.defaultButton.disabled = busy;
    this.form.querySelector('button[type=submit]').disabled = busy;
    this.stopButton.disabled = !busy;
  }
}
