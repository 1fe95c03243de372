// The stress test panel: one click runs the seed's default (10 requests, 50 ms apart, to the first endpoint);
// a form runs the closed or open model; a live chart follows the run; the result table shows corrected and
// uncorrected percentiles; the .hgrm distribution downloads. Progress comes from /ws "stress" frames and, so a
// run is followed even without them, from polling GET api/stress/{id} once a second.
import { h, setText, formatValue, clock } from '../dom.js';
import { badge, setBadge } from '../status.js';
import { MetricGrid } from '../metrics.js';
import { LineChart } from '../chart.js';
import { api } from '../api.js';
import { token } from '../token.js';
import { KeyedTable } from '../table.js';
import { wordBadge } from '../status-badge.js';
import { SECTION } from '../sections.js';
import { str, num, bool, opt, oneOf, arrayOf, mapOf, conforms, MismatchMarker } from '../shape.js';

const POLL_MS = 1000;
const PERCENTILES = [['Mean', 'mean'], ['p50', 'p50'], ['p90', 'p90'], ['p99', 'p99'], ['p99.9', 'p999'], ['Max', 'max']];

/** A run's progress (RunResult.progress): the /ws "stress" frame, and an active run's last one. */
const PROGRESS = {
  id: str,
  elapsedMs: num,
  sent: num,
  completed: num,
  ok: num,
  errors: mapOf(num),
  ratePerSec: num,
  total: { p50: num, p90: num, p99: num },
};

/** A run still going (StressVerticle's ActiveRun): progress is null until its first second. */
const ACTIVE_RUN = { id: str, state: oneOf('running'), startedAt: str, progress: opt(PROGRESS) };

const LATENCY = { mean: num, p50: num, p90: num, p99: num, p999: num, max: num };

/** A finished run (RunResult.result, without its .hgrm). */
const RESULT = {
  id: str,
  state: oneOf('completed', 'cancelled'),
  target: str,
  endedAt: str,
  sent: num,
  completed: num,
  ok: num,
  errors: mapOf(num),
  successPercent: num,
  throughput: { achievedPerSec: num, plannedPerSec: opt(num) },
  latencyMs: { corrected: LATENCY, uncorrected: LATENCY },
  generator: { saturated: bool, reason: opt(str) },
  verdict: { pass: bool, reasons: arrayOf(str) },
};

/** What the panel reads of the stress section: the recent runs (StressSection.summary) and the runs under way. */
const SECTION_READS = {
  ...SECTION,
  details: {
    history: arrayOf({ id: str, state: str, plan: str, startedAt: str, pass: bool, successPercent: num, p99Ms: num,
      uncorrectedP99Ms: num, achievedPerSec: num }),
    active: arrayOf(ACTIVE_RUN),
  },
};

const errorCount = errors => Object.values(errors).reduce((a, b) => a + b, 0);

export class StressPanel {
  constructor(log) {
    this.log = log;
    this.run = null;
    this.pollTimer = null;
    this.grid = new MetricGrid();
    this.badge = badge('neutral', 'badge section-status');
    this.notice = h('p', { class: 'notice section-notice', role: 'status', hidden: true });
    this.mismatch = new MismatchMarker();

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
      { title: 'Started', cell: r => clock(r.startedAt) },
      { title: 'Plan', cell: r => r.plan },
      { title: 'Verdict', cell: r => wordBadge(r.pass ? 'good' : 'critical', r.pass ? 'pass' : (r.state === 'completed' ? 'fail' : r.state)) },
      { title: 'Success', numeric: true, cell: r => `${formatValue(r.successPercent)} %` },
      { title: 'p99 corr.', numeric: true, cell: r => `${formatValue(r.p99Ms)} ms` },
      { title: 'p99 uncorr.', numeric: true, cell: r => `${formatValue(r.uncorrectedP99Ms)} ms` },
      { title: 'req/s', numeric: true, cell: r => formatValue(r.achievedPerSec) },
    ], r => r.id, 'No run yet.');

    this.el = h('section', { class: 'panel stress', 'data-section': 'stress', 'aria-labelledby': 'stress-title' },
      h('header', { class: 'panel-head' }, h('h2', { id: 'stress-title', text: 'Stress test' }), this.badge),
      this.mismatch.el, this.notice,
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
    if (!conforms(SECTION_READS, section, 'section stress', this.mismatch)) return;
    this.notice.hidden = true;
    this.el.classList.remove('not-running');
    setBadge(this.badge, section.status);
    this.grid.update(section.metrics);
    this.history.update(section.details.history);
    // A run started elsewhere (another tab, the API) is followed too.
    const [active] = section.details.active;
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

  /** Follows a run from its start (an active run as POST api/stress answers it). */
  follow(run) {
    this.run = { id: run.id, done: false, lastElapsedMs: null };
    this.chart.clear();
    this.chart.el.hidden = false;
    this.resultBlock.hidden = true;
    this.showRun(run);
    clearInterval(this.pollTimer);
    this.pollTimer = setInterval(() => this.poll(), POLL_MS);
  }

  async poll() {
    if (!this.run) return;
    try {
      this.showRun(await api('GET', `stress/${encodeURIComponent(this.run.id)}`));
    } catch (e) {
      if (e.status === 0) return;
      this.finish();
      setText(this.state, `Lost the run: ${e.message}`);
    }
  }

  /** A /ws "stress" frame: progress of some run. */
  onFrame(frame) {
    if (!conforms(PROGRESS, frame, 'stress frame', this.mismatch)) return;
    if (this.following(frame.id)) this.showProgress(frame);
  }

  async stop() {
    if (!this.run) return;
    try {
      this.showRun(await api('DELETE', `stress/${encodeURIComponent(this.run.id)}`));
      this.log.client(`Stress test ${this.run?.id ?? ''} stopped`, 'warning');
    } catch (e) {
      this.log.client(`Could not stop the stress test: ${e.message}`, 'warning');
    }
  }

  following(id) {
    return Boolean(this.run) && id === this.run.id && !this.run.done;
  }

  /** What api/stress[/id] answers: a run still going (with its last progress, if any) or its result. */
  showRun(run) {
    if (run.state === 'running') {
      if (!conforms(ACTIVE_RUN, run, 'stress run', this.mismatch) || !this.following(run.id)) return;
      if (run.progress) this.showProgress(run.progress);
      else setText(this.state, `Run ${run.id}: running`);
      return;
    }
    if (!conforms(RESULT, run, 'stress result', this.mismatch) || !this.following(run.id)) return;
    setText(this.state, [`Run ${run.id}: ${run.state}`, `${run.sent} sent`, `${run.completed} completed`, `${run.ok} ok`,
      `${errorCount(run.errors)} errors`].join(' · '));
    this.finish();
    this.showResult(run);
  }

  showProgress(progress) {
    if (progress.elapsedMs !== this.run.lastElapsedMs) {
      this.run.lastElapsedMs = progress.elapsedMs;
      const { p50, p90, p99 } = progress.total;
      this.chart.push(Math.round(progress.elapsedMs / 100) / 10, [p50, p90, p99]);
    }
    setText(this.state, [`Run ${progress.id}: running`, `${progress.sent} sent`, `${progress.completed} completed`,
      `${progress.ok} ok`, `${errorCount(progress.errors)} errors`, `${formatValue(progress.ratePerSec)} req/s`].join(' · '));
  }

  showResult(result) {
    const { corrected, uncorrected } = result.latencyMs;
    this.results.replaceChildren(...PERCENTILES.map(([title, key]) => h('tr', {},
      h('th', { scope: 'row', text: title }),
      h('td', { class: 'num', text: formatValue(corrected[key]) }),
      h('td', { class: 'num', text: formatValue(uncorrected[key]) }))));
    const { pass, reasons } = result.verdict;
    const { achievedPerSec, plannedPerSec } = result.throughput;
    const facts = [
      ['State', result.state],
      ['Target', result.target],
      ['Success', `${formatValue(result.successPercent)} % of ${formatValue(result.completed)}`],
      ['Throughput', `${formatValue(achievedPerSec)} req/s` + (plannedPerSec != null ? ` of ${formatValue(plannedPerSec)} planned` : '')],
      ['Verdict', `${pass ? 'Pass' : 'Fail'}${reasons.length ? `: ${reasons.join('; ')}` : ''}`],
    ];
    if (result.generator.saturated) facts.push(['Generator', `saturated: ${result.generator.reason ?? 'the figures understate the target'}`]);
    facts.push(['Ended', clock(result.endedAt)]);
    this.summary.replaceChildren(...facts.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]));
    setBadge(this.badge, pass ? 'good' : 'critical', pass ? 'Passed' : 'Failed');
    const id = encodeURIComponent(result.id);
    // A link cannot send a header: with a token, reads also take it as a parameter.
    const auth = token() ? `token=${encodeURIComponent(token())}` : '';
    this.hgrm.href = `api/stress/${id}/hgrm${auth ? `?${auth}` : ''}`;
    this.hgrm.setAttribute('download', `stress-${result.id}-corrected.hgrm`);
    this.hgrmUncorrected.href = `api/stress/${id}/hgrm?kind=uncorrected${auth ? `&${auth}` : ''}`;
    this.hgrmUncorrected.setAttribute('download', `stress-${result.id}-uncorrected.hgrm`);
    this.resultBlock.hidden = false;
    this.log.client(`Stress test ${result.id} ${result.state}: ${formatValue(result.successPercent)} % success, `
      + `p99 ${formatValue(corrected.p99)} ms corrected, ${formatValue(uncorrected.p99)} ms uncorrected`, pass ? 'info' : 'warning');
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
