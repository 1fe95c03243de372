// Refresh All: runs the probes, asks /ws for a fresh snapshot and recomputes browser storage, all in parallel, then
// says how long it took and what failed.
import { setText } from '../dom.js';
import { api } from '../api.js';

const SNAPSHOT_TIMEOUT_MS = 5000;

/**
 * @param {{button: HTMLButtonElement, result: HTMLElement}} controls
 * @param {{live, connection, board, log, refreshStorage: () => Promise<void>}} page
 */
export function installRefreshAll({ button, result }, { live, connection, board, log, refreshStorage }) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    setText(result, 'Refreshing…');
    const started = performance.now();
    const [probes, snapshot] = await Promise.allSettled([
      api('POST', 'probes/run'),
      live.send('refresh') ? connection.nextSnapshot(SNAPSHOT_TIMEOUT_MS) : Promise.reject(new Error('not connected')),
      refreshStorage(),
    ]);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const notes = [];
    if (probes.status === 'rejected') {
      notes.push(probes.reason.notRunning ? 'probes not running' : `probes failed: ${probes.reason.message}`);
      if (probes.reason.notRunning) board.panel('endpoints')?.unavailable?.(`Refresh All could not run the probes: ${probes.reason.message}`);
    }
    if (snapshot.status === 'rejected') notes.push(`snapshot: ${snapshot.reason.message}`);
    setText(result, `Refreshed in ${seconds} s${notes.length ? ` (${notes.join('; ')})` : ''}`);
    log.client(`Refresh All done in ${seconds} s${notes.length ? `: ${notes.join('; ')}` : ''}`, notes.length ? 'warning' : 'info');
    button.disabled = false;
  });
}
