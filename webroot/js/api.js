// REST calls under api/: JSON in and out, errors in the server's shape {error, message, field?}. A 404 NOT_FOUND from
// the API router, or a 503, means the feature is not running on this server.
import { authHeaders } from './token.js';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** True when the feature behind the call is absent or down rather than the request being wrong. */
  get notRunning() {
    return this.status === 404 || this.status === 503 || this.status === 0;
  }
}

/** Calls api/{path}; resolves with the parsed JSON (or text), rejects with an ApiError. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json', ...authHeaders() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await (firstRead(method, path)
      ?? fetch(`api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
  } catch (e) {
    throw new ApiError(0, 'OFFLINE', `server unreachable (${e.message})`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, json?.error ?? `HTTP_${response.status}`, json?.message ?? (text || response.statusText),
      json?.field);
  }
  return json ?? text;
}

/** The answer index.html fetched for `GET api/{path}` while the page loaded, taken once; otherwise undefined. */
function firstRead(method, path) {
  const reads = window.vigieFirstReads;
  if (method !== 'GET' || !reads || !(path in reads)) return undefined;
  const read = reads[path];
  delete reads[path];
  return read;
}
