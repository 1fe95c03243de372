// The /ws connection: connects, reports its state, reconnects with exponential backoff and jitter, and hands
// every frame to the page. Each (re)connection starts with a full snapshot from the server, which replaces
// whatever the page showed, so a restarted server is resynced without a reload.
import { token } from './token.js';

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 15000;

export class LiveConnection {
  /**
   * @param {(frame: object) => void} onFrame
   * @param {(state: {state: 'connecting'|'live'|'paused'|'reconnecting', attempt: number, retryInMs?: number}) => void} onState
   */
  constructor(onFrame, onState) {
    this.onFrame = onFrame;
    this.onState = onState;
    this.attempt = 0;
    this.paused = false;
    this.socket = null;
    this.timer = null;
  }

  url() {
    const url = new URL('ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const t = token();
    if (t) url.searchParams.set('token', t);
    return url.toString();
  }

  connect() {
    clearTimeout(this.timer);
    this.timer = null;
    this.onState({ state: 'connecting', attempt: this.attempt });
    const socket = new WebSocket(this.url());
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      if (this.paused) socket.send(JSON.stringify({ type: 'pause' }));
      this.onState({ state: this.paused ? 'paused' : 'live', attempt: 0 });
    };
    socket.onmessage = event => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      this.onFrame(frame);
    };
    socket.onclose = event => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect(event);
    };
    // Errors are always followed by close, which reconnects.
    socket.onerror = () => {};
  }

  scheduleReconnect(event) {
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** this.attempt);
    const retryInMs = Math.round(delay / 2 + Math.random() * delay / 2);
    this.attempt += 1;
    this.onState({ state: 'reconnecting', attempt: this.attempt, retryInMs, code: event?.code, reason: event?.reason });
    this.timer = setTimeout(() => this.connect(), retryInMs);
  }

  /** Skips the wait and tries now. */
  retryNow() {
    if (this.socket) return;
    this.connect();
  }

  get open() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  send(type) {
    if (!this.open) return false;
    this.socket.send(JSON.stringify({ type }));
    return true;
  }

  pause() {
    this.paused = true;
    if (this.send('pause')) this.onState({ state: 'paused', attempt: 0 });
  }

  resume() {
    this.paused = false;
    if (this.send('resume')) this.onState({ state: 'live', attempt: 0 });
  }
}
