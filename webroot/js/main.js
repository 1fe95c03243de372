// The composition root: builds the panels, connects /ws and routes its frames, and hands each control what it acts
// on. The controls' handlers live in controls/, the panels' views in views/.
import { setText } from './dom.js';
import { LiveConnection } from './live.js';
import { ConnectionStatus } from './connection.js';
import { readFrame } from './frames.js';
import { MismatchMarker } from './shape.js';
import { SectionBoard } from './sections.js';
import { ActivityLog } from './activity.js';
import { AlertList } from './alerts.js';
import { storageSection } from './storage.js';
import { deployedAreas } from './health.js';
import { downloadsView } from './views/downloads.js';
import { cacheView } from './views/cache.js';
import { upstreamView } from './views/upstream.js';
import { qualityView } from './views/quality.js';
import { endpointsView } from './views/endpoints.js';
import { freshnessView } from './views/freshness.js';
import { systemView } from './views/system.js';
import { storeView } from './views/store.js';
import { StressPanel } from './views/stress.js';
import { MonitorsPanel } from './views/monitors.js';
import { CoveragePanel } from './views/coverage.js';
import { installRefreshAll } from './controls/refresh-all.js';
import { installClearCaches } from './controls/clear-caches.js';
import { installAutoRefresh } from './controls/auto-refresh.js';
import { installExportReport } from './controls/export-report.js';
import { installThemeToggle } from './controls/theme-toggle.js';

const $ = id => document.getElementById(id);
const log = new ActivityLog($('log'));
const alerts = new AlertList($('alerts'), $('alert-count'));
const stress = new StressPanel(log);
const monitors = new MonitorsPanel(log);
const coverage = new CoveragePanel(log);
// Frames and /health answers the page cannot read are marked here, above the panels.
const pageMismatch = new MismatchMarker();
pageMismatch.el.classList.add('page-mismatch');
document.querySelector('main').prepend(pageMismatch.el);

/** Known sections in display order; `area` is the verticle that publishes it, as /health names it. */
const KNOWN = [
  { name: 'downloads', title: 'Downloads', feature: 'the downloader', area: 'download', view: downloadsView },
  { name: 'cache', title: 'Archive cache', feature: 'the archive cache', area: 'cache', view: cacheView },
  { name: 'upstream', title: 'Upstream cache (SWR)', feature: 'the upstream cache', area: 'upstream', view: upstreamView },
  { name: 'quality', title: 'Data quality', feature: 'the quality scanner', area: 'quality', view: qualityView },
  { name: 'endpoints', title: 'Endpoint performance', feature: 'the endpoint prober', area: 'probe', view: endpointsView },
  { name: 'freshness', title: 'Data freshness', feature: 'the freshness prober', area: 'probe', view: freshnessView },
  { name: 'storage', title: 'Browser storage', feature: 'this browser', local: true },
  { name: 'system', title: 'System', feature: 'the monitor', area: 'monitor', view: systemView },
  { name: 'stress', title: 'Stress test', feature: 'the stress tester', area: 'stress', panel: stress },
  { name: 'store', title: 'History store', feature: 'the history store', area: 'store', view: storeView },
];
const board = new SectionBoard($('sections'), KNOWN, $('nodes'));
const connection = new ConnectionStatus($('connection'), $('retry'), log);
const live = new LiveConnection(onFrame, state => connection.onState(state));
connection.bind(live);

function onFrame(received) {
  const frame = readFrame(received, pageMismatch);
  if (!frame) return;
  switch (frame.type) {
    case 'snapshot':
      board.applySnapshot(frame.sections, frame.node ?? null);
      clusterSeen(frame.sections);
      log.replace(frame.log, frame.node ?? null);
      alerts.replace(frame.alerts);
      setText($('last-update'), `snapshot ${new Date(frame.ts).toLocaleTimeString()}`);
      connection.snapshotArrived(frame.ts);
      markAbsentAreas();
      break;
    case 'update':
      board.applyUpdate(frame.sections, frame.removed, frame.removedFromNodes);
      clusterSeen(frame.sections);
      setText($('last-update'), `updated ${new Date(frame.ts).toLocaleTimeString()}`);
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

/** This node's cluster section tells the stress panel the members: how many generators a run may ask, their names. */
function clusterSeen(sections) {
  const cluster = sections.find(s => s.section === 'cluster' && !board.isOtherNode(s));
  if (cluster) stress.clusterSeen(cluster);
}

/** A known section still absent after a snapshot: say whether its verticle runs at all. */
async function markAbsentAreas() {
  const areas = await deployedAreas(pageMismatch);
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

/** Browser storage is computed here, not sent by the server. */
async function refreshStorage() {
  board.apply(await storageSection());
}

const page = { live, connection, board, log, refreshStorage };
installRefreshAll({ button: $('refresh-all'), result: $('refresh-result') }, page);
installClearCaches({ button: $('clear-caches'), dialog: $('confirm-clear'), result: $('clear-result') }, page);
installAutoRefresh($('auto-refresh'), page);
installExportReport($('export-report'), page);
installThemeToggle($('theme'));

$('sections').after(monitors.el);
monitors.el.after(coverage.el);
monitors.start();
refreshStorage();
live.connect();
log.client('Monitor page opened');
