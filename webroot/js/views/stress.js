// The stress test panel: one click runs the seed's default (10 requests, 50 ms apart, to the first endpoint);
// a form runs the closed or open model; a live chart follows the run; the result table shows corrected and
// uncorrected percentiles; the .hgrm distribution downloads. Progress comes from /ws "stress" frames and, so a
// run is followed even without them, from polling GET api/stress/{id} once a second. In a cluster a run may be
// shared over several generator nodes: the panel then lists its generators, and says when one was lost (a partial run).
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
const SHARE_STATES = { running: 'neutral', completed: 'good', cancelled: 'warning', lost: 'critical' };
const PERCENTILES = [['Mean', 'mean'], ['p50', 'p50'], ['p90', 'p90'], ['p99', 'p99'], ['p99.9', 'p999'], ['Max', 'max']];

/** One generator's share of a distributed run (DistributedRun.generatorsJson), without its histograms. */
const GENERATOR = {
  share: num,
  nodeId: str,
  state: oneOf(...Object.keys(SHARE_STATES)),
  reason: opt(str),
  load: { connections: num, requests: opt(num), rate: opt(num) },
  sent: num,
  completed: num,
  ok: num,
  aborted: num,
};

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
  generators: opt(arrayOf(GENERATOR)),
};

/**
 * A run still going (StressVerticle's ActiveRun): progress is null until its first second. A distributed run lists
 * its generators on its coordinator; on a generator's node, the share run there names its coordinator.
 */
const ACTIVE_RUN = {
  id: str,
  state: oneOf('running'),
  startedAt: str,
  progress: opt(PROGRESS),
  generators: opt(arrayOf(GENERATOR)),
  coordinator: opt(str),
  share: opt(num),
};

const LATENCY = { mean: num, p50: num, p90: num, p99: num, p999: num, max: num };

/** A finished run (RunResult.result, without its .hgrm); partial: a generator of a distributed run was lost. */
const RESULT = {
  id: str,
  state: oneOf('completed', 'cancelled', 'partial'),
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
  generators: opt(arrayOf(GENERATOR)),
};

/** What the panel reads of the stress section: the recent runs (StressSection.summary) and the runs under way. */
const SECTION_READS = {
  ...SECTION,
  details: {
    history: arrayOf({ id: str, state: str, plan: str, startedAt: str, pass: bool, successPercent: num, p99Ms: num,
      uncorrectedP99Ms: num, achievedPerSec: num, generators: num }),
    active: arrayOf(ACTIVE_RUN),
  },
};

/** What the panel reads of the cluster section: the members, and which run the stress area (possible generators). */
const CLUSTER_READS = { details: { members: arrayOf({ id: str, address: opt(str), areas: opt(arrayOf(str)) }) } };

const errorCount = errors => Object.values(errors).reduce((a, b) => a + b, 0);

/** A finished run's verdict in a word: "Passed", or why not ("Failed", "Partial", "Cancelled"). */
function verdictWord(run) {
  if (run.pass ?? run.verdict.pass) return 'Passed';
  return run.state === 'completed' ? 'Failed' : run.state[0].toUpperCase() + run.state.slice(1);
}

/** A share's load in words: "2 connections · 100 requests · 50 req/s". */
function describeLoad(load) {
  const parts = [`${formatValue(load.connections)} connection${load.connections === 1 ? '' : 's'}`];
  if (load.requests != null) parts.push(`${formatValue(load.requests)} requests`);
  if (load.rate != null) parts.push(`${formatValue(load.rate)} req/s`);
  return parts.join(' · ');
}

export class StressPanel {
  constructor(log) {
    this.log = log;
    this.run = null;
    this.pollTimer = null;
    this.grid = new MetricGrid();
    this.badge = badge('neutral', 'badge section-status');
    this.notice = h('p', { class: 'notice section-notice', role: 'status', hidden: true });
    this.mismatch = new MismatchMarker();
    /** Node id -> cluster address, from the cluster section, to name generators by. */
    this.addresses = new Map();

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
    // A partial run says so above its figures: which generator was lost, and why.
    this.partial = h('p', { class: 'notice run-partial', role: 'alert', hidden: true });
    this.generators = new KeyedTable('Generators of this run', [
      { title: 'Share', numeric: true, cell: g => String(g.share + 1) },
      { title: 'Node', cell: g => this.nodeName(g.nodeId) },
      { title: 'State', cell: g => wordBadge(SHARE_STATES[g.state], g.state) },
      { title: 'Load', cell: g => describeLoad(g.load) },
      { title: 'Sent', numeric: true, cell: g => formatValue(g.sent) },
      { title: 'Completed', numeric: true, cell: g => formatValue(g.completed) },
      { title: 'Aborted', numeric: true, cell: g => formatValue(g.aborted) },
      { title: 'Why lost', cell: g => g.reason ?? '' },
    ], g => String(g.share), 'No generator yet.');
    this.generatorsBlock = h('div', { class: 'stress-generators', hidden: true },
      h('h3', { text: 'Generators' }), this.generators.el);
    this.history = new KeyedTable('Recent runs', [
      { title: 'Started', cell: r => clock(r.startedAt) },
      { title: 'Plan', cell: r => (r.generators > 1 ? `${r.plan} on ${r.generators} generators` : r.plan) },
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
      this.form, this.state, this.partial, this.chart.el, this.generatorsBlock, this.resultBlock,
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
        field('Duration (s)', 'durationSeconds', '10', { 'data-plans': 'closed open', step: 'any' }),
        // Shown in a cluster only: a Vigie alone is one generator (the API refuses more without --cluster).
        field('Generators (cluster members)', 'generators', '1', { 'data-plans': 'closed open', max: '1' })),
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
        if (input.disabled || input.value === '' || input.closest('label').hidden) continue;
        if (input.name === 'durationSeconds') body.durationMs = Math.round(Number(input.value) * 1000);
        else body[input.name] = Number(input.value);
      }
      this.start(body, body.plan);
    });
    sync();
    this.generatorsField = form.querySelector('.field-generators');
    this.generatorsField.hidden = true;
    return h('details', { class: 'stress-custom' }, h('summary', { text: 'Custom run: closed or open model' }), form);
  }

  // Board interface: the stress section published by the server (summary cards), if any.
  update(section) {
    if (!conforms(SECTION_READS, section, 'section stress', this.mismatch)) return;
    this.notice.hidden = true;
    this.el.classList.remove('not-running');
    // The badge has one writer, the section: its colour is the section's status, its word the last run's verdict
    // when they agree (a result polled before the section arrives would otherwise be overwritten by it).
    const [last] = section.details.history;
    const word = last ? verdictWord(last) : null;
    setBadge(this.badge, section.status, word && (word === 'Passed') === (section.status === 'good') ? word : undefined);
    this.grid.update(section.metrics);
    this.history.update(section.details.history);
    // A run started elsewhere (another tab, the API) is followed too.
    const [active] = section.details.active;
    if (active && (!this.run || this.run.done) && active.id !== this.run?.id) {
      this.setBusy(true);
      this.follow(active);
    }
  }

  /**
   * The cluster section of this node: its members name the generators, and those running the stress area bound the
   * form's Generators (the API answers 409 NOT_ENOUGH_GENERATORS beyond them).
   */
  clusterSeen(section) {
    if (!conforms(CLUSTER_READS, section, 'section cluster (the stress form)', this.mismatch)) return;
    const { members } = section.details;
    for (const m of members) if (m.address) this.addresses.set(m.id, m.address);
    const generators = Math.max(1, members.filter(m => m.areas?.includes('stress')).length);
    const input = this.generatorsField.querySelector('input');
    input.max = String(generators);
    if (Number(input.value) > generators) input.value = String(generators);
    this.generatorsField.hidden = generators < 2;
  }

  nodeName(id) {
    const address = this.addresses.get(id);
    const short = id.split('-')[0];
    return address ? `${address} (${short})` : short;
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
    this.run = { id: run.id, done: false, lastElapsedMs: null, coordinator: run.coordinator ?? null, share: run.share ?? null };
    this.chart.clear();
    this.chart.el.hidden = false;
    this.resultBlock.hidden = true;
    this.partial.hidden = true;
    this.generatorsBlock.hidden = true;
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
      // A share run here for another node ends without a result here: the coordinator keeps it.
      if (e.status === 404 && this.run.coordinator) {
        setText(this.state, `Run ${this.run.id}: this node's share ended; the run's result is on its coordinator, `
          + `node ${this.nodeName(this.run.coordinator)}`);
      } else {
        setText(this.state, `Lost the run: ${e.message}`);
      }
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
      if (run.generators) this.showGenerators(run.generators);
      if (run.progress) this.showProgress(run.progress);
      else if (run.coordinator) setText(this.state, `Run ${run.id}: share ${run.share + 1} runs here, coordinated by node ${this.nodeName(run.coordinator)}`);
      else setText(this.state, `Run ${run.id}: running`);
      return;
    }
    if (!conforms(RESULT, run, 'stress result', this.mismatch) || !this.following(run.id)) return;
    setText(this.state, [`Run ${run.id}: ${run.state}`, `${run.sent} sent`, `${run.completed} completed`, `${run.ok} ok`,
      `${errorCount(run.errors)} errors`].join(' · '));
    this.finish();
    this.showResult(run);
  }

  /** A distributed run's generators: one row per share, live while it runs, final with its result. */
  showGenerators(generators) {
    this.generators.update(generators);
    this.generatorsBlock.hidden = false;
  }

  showProgress(progress) {
    if (progress.generators) this.showGenerators(progress.generators);
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
    if (result.generators) facts.push(['Generators', `${result.generators.length} nodes`]);
    if (result.generator.saturated) facts.push(['Generator', `saturated: ${result.generator.reason ?? 'the figures understate the target'}`]);
    facts.push(['Ended', clock(result.endedAt)]);
    this.summary.replaceChildren(...facts.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]));
    if (result.generators) this.showGenerators(result.generators);
    else this.generatorsBlock.hidden = true;
    const lost = (result.generators ?? []).filter(g => g.state === 'lost');
    this.partial.hidden = result.state !== 'partial';
    setText(this.partial, result.state !== 'partial' ? '' : !lost.length ? `Partial run: ${reasons.join('; ')}`
      : `Partial run: ${lost.map(g => `generator ${this.nodeName(g.nodeId)} (share ${g.share + 1} of ${result.generators.length}, `
        + `${describeLoad(g.load)}) was lost: ${g.reason ?? 'no reason given'}`).join('; ')}. What it measured until then is kept.`);
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
