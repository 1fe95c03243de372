// Auto-Refresh: on at every page load; off pauses the live updates (and the storage refresh), on resumes them.
const STORAGE_INTERVAL_MS = 10000;

/**
 * @param {HTMLInputElement} toggle the switch
 * @param {{live, log, refreshStorage: () => Promise<void>}} page
 */
export function installAutoRefresh(toggle, { live, log, refreshStorage }) {
  toggle.checked = true;
  toggle.addEventListener('change', () => {
    if (toggle.checked) {
      live.resume();
      log.client('Auto-refresh on: live updates resumed');
    } else {
      live.pause();
      log.client('Auto-refresh off: live updates paused');
    }
  });
  setInterval(() => {
    if (toggle.checked) refreshStorage();
  }, STORAGE_INTERVAL_MS);
}
