// Clear Caches: asks in a dialog, then removes every localStorage key but the kept ones and empties the server's
// upstream (SWR) cache, and says how many keys went and whether the server cache was cleared.
import { setText } from '../dom.js';
import { api } from '../api.js';

export const KEPT_KEYS = ['user_id', 'data_source', 'theme'];

/**
 * @param {{button: HTMLButtonElement, dialog: HTMLDialogElement, result: HTMLElement}} controls
 * @param {{board, log, refreshStorage: () => Promise<void>}} page
 */
export function installClearCaches({ button, dialog, result }, { board, log, refreshStorage }) {
  button.addEventListener('click', () => {
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
    setText(result, message.replace('Clear Caches: ', ''));
    log.client(message, server === 'server SWR cache cleared' ? 'info' : 'warning');
  });
}
