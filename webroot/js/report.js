// Export Report: the server's report (GET api/report) plus this page's localStorage snapshot and client log,
// downloaded as performance-report-{timestamp}.json. Values of keys that look like secrets are redacted.
import { api } from './api.js';
import { localStorageSnapshot } from './storage.js';

const SECRET_KEY = /token|secret|password|passwd|credential|api[-_]?key|auth/i;

export function reportFileName(now = new Date()) {
  return `performance-report-${now.toISOString().replace(/[:.]/g, '-')}.json`;
}

export async function buildReport(log, connection) {
  const now = new Date();
  let server = null;
  let serverError = null;
  try {
    server = await api('GET', 'report');
  } catch (e) {
    serverError = { status: e.status, error: e.code, message: e.message };
  }
  const storage = localStorageSnapshot();
  const localStorageEntries = Object.fromEntries(Object.entries(storage.entries)
    .map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : v]));
  return {
    report: {
      exportedAt: now.toISOString(),
      source: 'vigie-monitor-page',
      server,
      serverError,
      localStorage: { keys: storage.keys, bytes: storage.bytes, entries: localStorageEntries },
      clientLog: log.clientEntries,
      activityLog: log.entries,
      page: { url: location.origin + location.pathname, userAgent: navigator.userAgent, connection },
    },
    fileName: reportFileName(now),
  };
}

export function download(fileName, json) {
  const blob = new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
