// Statuses are never shown by colour alone: each has an icon and a word.
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

const STATUSES = {
  good: { word: 'Good', path: 'M3.5 8.5l3 3 6-7' },
  warning: { word: 'Warning', path: 'M8 2.5l6 11H2z M8 7v3 M8 11.8v.2' },
  critical: { word: 'Critical', path: 'M4 4l8 8 M12 4l-8 8' },
  neutral: { word: 'Info', path: 'M8 7v5 M8 4.2v.2' },
};

export function normalizeStatus(status) {
  return Object.hasOwn(STATUSES, status) ? status : 'neutral';
}

export function statusWord(status) {
  return STATUSES[normalizeStatus(status)].word;
}

function icon(status) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', 'status-icon');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', STATUSES[status].path);
  svg.append(path);
  return svg;
}

/** A badge "icon + word"; update it with setBadge. */
export function badge(status, className = 'badge') {
  const el = h('span', { class: className });
  setBadge(el, status);
  return el;
}

export function setBadge(el, status, word) {
  const s = normalizeStatus(status);
  const text = word ?? STATUSES[s].word;
  if (el.dataset.status === s && el.dataset.word === text) return;
  el.dataset.status = s;
  el.dataset.word = text;
  el.replaceChildren(icon(s), h('span', { class: 'status-word', text }));
  for (const name of Object.keys(STATUSES)) el.classList.toggle(`s-${name}`, name === s);
}
