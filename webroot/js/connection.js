// What the page says about its /ws connection: the badge (Connecting, Live, Paused, Offline with the next retry),
// the Retry now button, the log lines when it drops and comes back, and the snapshot each connection starts with:
// one asked again when it is late, and promised to whoever waits for the next one (Refresh All).
import { setBadge } from './status.js';

const SNAPSHOT_WAIT_MS = 5000;
const WORDS = { connecting: 'Connecting…', live: 'Live', paused: 'Paused', reconnecting: 'Reconnecting' };
const STATUS = { connecting: 'neutral', live: 'good', paused: 'warning', reconnecting: 'critical' };

export class ConnectionStatus {
  /**
   * @param {HTMLElement} badge the connection badge
   * @param {HTMLButtonElement} retry shown while offline
   * @param {import('./activity.js').ActivityLog} log
   */
  constructor(badge, retry, log) {
    this.badge = badge;
    this.retry = retry;
    this.log = log;
    this.state = 'connecting';
    this.lastSnapshotAt = null;
    this.watchdog = null;
    this.waiters = [];
    this.live = null;
  }

  /** Binds the connection whose state this shows; Retry now skips its wait. */
  bind(live) {
    this.live = live;
    this.retry.addEventListener('click', () => live.retryNow());
  }

  /** The LiveConnection's state callback. */
  onState({ state, retryInMs, attempt }) {
    const previous = this.state;
    // A connection that opened but brought no snapshot (the server was too busy to answer) asks again.
    clearTimeout(this.watchdog);
    if (state === 'live' || state === 'paused') {
      const opened = this.lastSnapshotAt;
      this.watchdog = setTimeout(() => {
        if (this.lastSnapshotAt === opened && this.live.send('refresh')) this.log.client('No snapshot yet: asked the server again', 'warning');
      }, SNAPSHOT_WAIT_MS);
    }
    this.state = state;
    setBadge(this.badge, STATUS[state], state === 'reconnecting' ? `Offline: retry ${attempt} in ${(retryInMs / 1000).toFixed(1)} s` : WORDS[state]);
    document.body.classList.toggle('offline', state === 'reconnecting');
    this.retry.hidden = state !== 'reconnecting';
    if (state === 'reconnecting' && previous !== 'reconnecting') this.log.client('Connection to the server lost; reconnecting', 'warning');
    if (state === 'live' && previous === 'connecting' && attempt === 0 && this.lastSnapshotAt) this.log.client('Reconnected; resynced from a fresh snapshot');
  }

  /** A snapshot arrived: the watchdog rests and whoever waited for it goes on. */
  snapshotArrived(ts) {
    clearTimeout(this.watchdog);
    this.lastSnapshotAt = ts;
    this.waiters.forEach(resolve => resolve());
    this.waiters = [];
  }

  /** Resolves at the next snapshot; rejects after timeoutMs. */
  nextSnapshot(timeoutMs) {
    return new Promise((resolve, reject) => {
      this.waiters.push(resolve);
      setTimeout(() => reject(new Error('no snapshot within ' + timeoutMs + ' ms')), timeoutMs);
    });
  }
}
