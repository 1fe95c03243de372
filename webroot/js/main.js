// Wires the page: the live connection, the sections, the controls and the activity log.
import { setText } from './dom.js';
import { setBadge } from './status.js';
import { LiveConnection } from './live.js';
import { SectionBoard } from './sections.js';
import { ActivityLog } from './activity.js';
import { AlertList } from './alerts.js';
import { StressPanel } from './stress.js';
import { storageSection } from './storage.js';
import { buildReport, download } from './report.js';
import { currentTheme, setTheme } from './theme.js';
import { deployedAreas } from './health.js';
import { api } from './api.js';
import { downloadsView } from './views/downloads.js';
import { cacheView } from './views/cache.js';
import { upstreamView } from './views/upstream.js';
import { qualityView } from './views/quality.js';
import { endpointsView } from './views/endpoints.js';
import { freshnessView } from './views/freshness.js';
import { systemView } from './views/system.js';

const KEPT_KEYS = ['user_id', 'data_source', 'theme'];
const STORAGE_INTERVAL_MS = 10000;
const SNAPSHOT_WAIT_MS = 5000;

const $ = id => document.getElementById(id);
const log = new ActivityLog($('log'));
const alerts = new AlertList($('alerts'), $('alert-count'));
const stress = new StressPanel(log);

/** Known sections in display order; `area` is the verticle that publishes it, as /health names it. */
const KNOWN = [
  { name: 'downloads', title: 'Downloads', feature: 'the downloader', area: 'download', view: downloadsView },
  { name: 'cache', title: 'Archive cache', feature: 'the archive cache', area: 'cache', view: cacheView },
  { name: 'upstream', title: 'Upstream cache (SWR)', feature: 'the upstream cache', area: 'cache', view: upstreamView },
  { name: 'quality', title: 'Data quality', feature: 'the quality scanner', area: 'quality', view: qualityView },
  { name: 'endpoints', title: 'Endpoint performance', feature: 'the endpoint prober', area: 'probe', view: endpointsView },
  { name: 'freshness', title: 'Data freshness', feature: 'the freshness prober', area: 'probe', view: freshnessView },
  { name: 'storage', title: 'Browser storage', feature: 'this browser', local: true },
  { name: 'system', title: 'System', feature: 'the monitor', area: 'monitor', view: systemView },
  { name: 'stress', title: 'Stress test', feature: 'the stress tester', area: 'stress', panel: stress },
];
const board = new SectionBoard($('sections'), KNOWN);

// --- live connection --------------------------------------------------------------------------------------

const connectionBadge = $('connection');
const retryButton = $('retry');
let snapshotWaiters = [];
let lastSnapshotAt = null;
let connectionState = 'connecting';

let snapshotWatchdog = null;

const live = new LiveConnection(onFrame, ({ state, retryInMs, attempt }) => {
  const previous = connectionState;
  // A connection that opened but brought no snapshot (the server was too busy to answer) asks again.
  clearTimeout(snapshotWatchdog);
  if (state === 'live' || state === 'paused') {
    const opened = lastSnapshotAt;
    snapshotWatchdog = setTimeout(() => {
      if (lastSnapshotAt === opened && live.send('refresh')) log.client('No snapshot yet: asked the server again', 'warning');
    }, SNAPSHOT_WAIT_MS);
  }
  connectionState = state;
  const words = { connecting: 'Connecting…', live: 'Live', paused: 'Paused', reconnecting: 'Reconnecting' };
  const status = { connecting: 'neutral', live: 'good', paused: 'warning', reconnecting: 'critical' }[state];
  setBadge(connectionBadge, status, state === 'reconnecting' ? `Offline: retry ${attempt} in ${(retryInMs / 1000).toFixed(1)} s` : words[state]);
  document.body.classList.toggle('offline', state === 'reconnecting');
  retryButton.hidden = state !== 'reconnecting';
  if (state === 'reconnecting' && previous !== 'reconnecting') log.client('Connection to the server lost; reconnecting', 'warning');
  if (state === 'live' && previous === 'connecting' && attempt === 0 && lastSnapshotAt) log.client('Reconnected; resynced from a fresh snapshot');
});
retryButton.addEventListener('click', () => live.retryNow());

function onFrame(frame) {
  switch (frame.type) {
    case 'snapshot':
      clearTimeout(snapshotWatchdog);
      lastSnapshotAt = frame.ts;
      board.applySnapshot(frame.sections);
      log.replace(frame.log);
      alerts.replace(frame.alerts);
      setText($('last-update'), `snapshot ${new Date(frame.ts).toLocaleTimeString()}`);
      markAbsentAreas();
      snapshotWaiters.forEach(resolve => resolve());
      snapshotWaiters = [];
      break;
    case 'update':
      board.applyUpdate(frame.sections);
      setText($('last-update'), `updated ${new Date(frame.ts ?? Date.now()).toLocaleTimeString()}`);
      break;
    case 'log':
      log.add(frame);
      break;
    case 'alert':
      alerts.add(frame);
      break;
    case 'stress':
      stress.onFrame(frame);
      break;
    case 'error':
      log.client(`Server refused a command: ${frame.message}`, 'warning');
      break;
    default:
      break;
  }
}

/** A known section still absent after a snapshot: say whether its verticle runs at all. */
async function markAbsentAreas() {
  const areas = await deployedAreas();
  for (const k of KNOWN) {
    const panel = board.panel(k.name);
    if (k.local || !panel || panel.present) continue;
    if (areas && !areas.has(k.area)) {
      panel.notRunning?.(`Not running: ${k.feature} is not deployed on this server.`);
      if (k.name === 'stress') stress.unavailable(`Not running: ${k.feature} is not deployed on this server.`);
    } else if (areas) {
      panel.notRunning?.(`Waiting: ${k.feature} runs but has published nothing yet.`, 'Waiting');
    }
  }
}

function nextSnapshot(timeoutMs) {
  return new Promise((resolve, reject) => {
    snapshotWaiters.push(resolve);
    setTimeout(() => reject(new Error('no snapshot within ' + timeoutMs + ' ms')), timeoutMs);
  });
}

// --- browser storage (computed here) ----------------------------------------------------------------------

async function refreshStorage() {
  board.apply(await storageSection());
}

// --- controls ---------------------------------------------------------------------------------------------

const refreshButton = $('refresh-all');
refreshButton.addEventListener('click', async () => {
  refreshButton.disabled = true;
  setText($('refresh-result'), 'Refreshing…');
  const started = performance.now();
  const [probes, snapshot] = await Promise.allSettled([
    api('POST', 'probes/run'),
    live.send('refresh') ? nextSnapshot(5000) : Promise.reject(new Error('not connected')),
    refreshStorage(),
  ]);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const notes = [];
  if (probes.status === 'rejected') {
    notes.push(probes.reason.notRunning ? 'probes not running' : `probes failed: ${probes.reason.message}`);
    if (probes.reason.notRunning) board.panel('endpoints')?.unavailable?.(`Refresh All could not run the probes: ${probes.reason.message}`);
  }
  if (snapshot.status === 'rejected') notes.push(`snapshot: ${snapshot.reason.message}`);
  setText($('refresh-result'), `Refreshed in ${seconds} s${notes.length ? ` (${notes.join('; ')})` : ''}`);
  log.client(`Refresh All done in ${seconds} s${notes.length ? `: ${notes.join('; ')}` : ''}`, notes.length ? 'warning' : 'info');
  refreshButton.disabled = false;
});

const dialog = $('confirm-clear');
$('clear-caches').addEventListener('click', () => {
  dialog.returnValue = '';
  dialog.showModal();
});
dialog.addEventListener('close', async () => {
  if (dialog.returnValue !== 'confirm') {
    log.client('Clear Caches cancelled');
    return;
  }
  const removed = [];
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const key = localStorage.key(i);
    if (!KEPT_KEYS.includes(key)) removed.push(key);
  }
  removed.forEach(key => localStorage.removeItem(key));
  let server;
  try {
    await api('POST', 'cache/clear');
    server = 'server SWR cache cleared';
  } catch (e) {
    server = e.notRunning ? 'server cache not running' : `server cache not cleared: ${e.message}`;
    if (e.notRunning) board.panel('upstream')?.unavailable?.(`Clear Caches could not reach the upstream cache: ${e.message}`);
  }
  await refreshStorage();
  const message = `Clear Caches: removed ${removed.length} localStorage key(s), kept ${KEPT_KEYS.join(', ')}; ${server}`;
  setText($('clear-result'), message.replace('Clear Caches: ', ''));
  log.client(message, server === 'server SWR cache cleared' ? 'info' : 'warning');
});

const autoRefresh = $('auto-refresh');
autoRefresh.checked = true;
autoRefresh.addEventListener('change', () => {
  if (autoRefresh.checked) {
    live.resume();
    log.client('Auto-refresh on: live updates resumed');
  } else {
    live.pause();
    log.client('Auto-refresh off: live updates paused');
  }
});
setInterval(() => {
  if (autoRefresh.checked) refreshStorage();
}, STORAGE_INTERVAL_MS);

$('export-report').addEventListener('click', async () => {
  const { report, fileName } = await buildReport(log, connectionState);
  download(fileName, report);
  log.client(`Report exported as ${fileName}${report.serverError ? ` (server report unavailable: ${report.serverError.message})` : ''}`,
    report.serverError ? 'warning' : 'info');
});

const themeButton = $('theme');
function showTheme() {
  const dark = currentTheme() === 'dark';
  themeButton.setAttribute('aria-pressed', String(dark));
  setText(themeButton, dark ? 'Light theme' : 'Dark theme');
}
themeButton.addEventListener('click', () => {
  setTheme(currentTheme() === 'dark' ? 'light' : 'dark');
  showTheme();
});
showTheme();

// --- start ------------------------------------------------------------------------------------------------

refreshStorage();
live.connect();
log.client('Monitor page opened');
