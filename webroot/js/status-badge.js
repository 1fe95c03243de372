// A status badge whose word is not the status's own (e.g. "open" for a critical breaker).
import { badge, setBadge } from './status.js';

export function wordBadge(status, word) {
  const el = badge(status);
  setBadge(el, status, word);
  return el;
}
