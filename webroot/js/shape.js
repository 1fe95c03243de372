// What the page reads from the server, written down once per reader and checked on every read. A shape the page
// does not read is reported, never papered over: console.error names the reader and the field, and the panel shows
// a marker, so the page tests fail on it instead of the panel going silently blank.
//
// A spec is a plain object (those fields, each with its own spec; other fields are ignored) or one of the checkers
// below. opt(spec) is the only way a field may be absent or null.
import { h, setText } from './dom.js';

function describe(value) {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value).slice(0, 40) : typeof value;
}

const at = path => path || 'the message';
const isObject = v => typeof v === 'object' && v !== null && !Array.isArray(v);

function kind(name, test) {
  return (value, path, out) => {
    if (!test(value)) out.push(`${at(path)}: expected ${name}, got ${describe(value)}`);
  };
}

export const str = kind('a string', v => typeof v === 'string');
export const num = kind('a number', v => typeof v === 'number');
export const bool = kind('a boolean', v => typeof v === 'boolean');
export const scalar = kind('a number, a string or a boolean', v => ['number', 'string', 'boolean'].includes(typeof v));
export const obj = kind('an object', isObject);
export const STATUS = oneOf('good', 'warning', 'critical', 'neutral');

/** May be absent or null; when present, matches spec. */
export function opt(spec) {
  return (value, path, out) => {
    if (value !== undefined && value !== null) run(spec, value, path, out);
  };
}

export function oneOf(...values) {
  return (value, path, out) => {
    if (!values.includes(value)) out.push(`${at(path)}: expected one of ${values.join(' | ')}, got ${describe(value)}`);
  };
}

export function arrayOf(spec) {
  return (value, path, out) => {
    if (!Array.isArray(value)) out.push(`${at(path)}: expected an array, got ${describe(value)}`);
    else value.forEach((item, i) => run(spec, item, `${path}[${i}]`, out));
  };
}

/** An object used as a map: any keys, every value matching spec. */
export function mapOf(spec) {
  return (value, path, out) => {
    if (!isObject(value)) out.push(`${at(path)}: expected an object, got ${describe(value)}`);
    else Object.entries(value).forEach(([key, item]) => run(spec, item, `${path}.${key}`, out));
  };
}

/** A section's metrics that include these labels with a numeric value (a view drawing from the cards). */
export function metricsLabelled(...labels) {
  return (value, path, out) => {
    if (!Array.isArray(value)) {
      out.push(`${at(path)}: expected an array, got ${describe(value)}`);
      return;
    }
    for (const label of labels) {
      if (!value.some(m => m?.label === label && typeof m.value === 'number')) out.push(`${at(path)}: no metric "${label}" with a number`);
    }
  };
}

function run(spec, value, path, out) {
  if (typeof spec === 'function') {
    spec(value, path, out);
  } else if (!isObject(value)) {
    out.push(`${at(path)}: expected an object, got ${describe(value)}`);
  } else {
    for (const [field, fieldSpec] of Object.entries(spec)) run(fieldSpec, value[field], path ? `${path}.${field}` : field, out);
  }
}

/** Every way value differs from spec, as "field: expected ..., got ..."; empty when it matches. */
export function mismatches(spec, value) {
  const out = [];
  run(spec, value, '', out);
  return out;
}

/** The visible side of a mismatch: a notice on the panel whose reader failed, until that reader reads clean again. */
export class MismatchMarker {
  constructor() {
    this.el = h('p', { class: 'notice shape-mismatch', role: 'alert', hidden: true });
    this.found = new Map();
  }

  /** Records what reader `where` found; returns true when that differs from last time. */
  set(where, problems) {
    const text = problems.join('; ');
    const changed = (this.found.get(where) ?? '') !== text;
    if (text) this.found.set(where, text);
    else this.found.delete(where);
    const [first] = this.found.entries();
    setText(this.el, first ? `The server sent ${first[0]} in a shape this page does not read: ${first[1]}` : '');
    this.el.hidden = !first;
    return changed;
  }
}

/**
 * Checks value against spec for reader `where` (e.g. "section downloads"); on a mismatch reports it on the console
 * (once per distinct problem) and on the marker, and returns false: the caller then leaves its view as it was.
 */
export function conforms(spec, value, where, marker) {
  const problems = mismatches(spec, value);
  const changed = marker.set(where, problems);
  if (problems.length && changed) console.error(`[vigie] shape mismatch in ${where}: ${problems.join('; ')}`);
  return problems.length === 0;
}
