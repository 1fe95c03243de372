// Browser storage, computed in the page: localStorage keys and size against the 5 MB that browsers give an
// origin's localStorage, and the origin's whole storage from navigator.storage.estimate() where available.
// Statuses use the seed's thresholds: < 50 % good, 50-80 % warning, > 80 % critical.
const BASELINE_BYTES = 5 * 1024 * 1024;

function statusOf(percent) {
  if (percent > 80) return 'critical';
  return percent >= 50 ? 'warning' : 'good';
}

/** localStorage as {key: value}, and its size in bytes (UTF-16: two bytes a character, keys included). */
export function localStorageSnapshot() {
  const entries = {};
  let bytes = 0;
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    const value = localStorage.getItem(key) ?? '';
    entries[key] = value;
    bytes += (key.length + value.length) * 2;
  }
  return { entries, bytes, keys: localStorage.length };
}

/** The section {section: 'storage', title, status, metrics, updatedAt} for the page's own panel. */
export async function storageSection() {
  const { bytes, keys } = localStorageSnapshot();
  const percent = (100 * bytes) / BASELINE_BYTES;
  const metrics = [
    { label: 'Total keys', value: keys, status: 'neutral', hint: 'keys this origin keeps in localStorage' },
    { label: 'Storage used', value: Math.round(bytes / 102.4) / 10, unit: 'KB', status: statusOf(percent),
      hint: 'keys and values, two bytes a character as browsers count them' },
    { label: 'Quota usage', value: Math.round(percent * 10) / 10, unit: '%', status: statusOf(percent),
      hint: 'localStorage used against the 5 MB browsers allow an origin; over 80 %, writes start failing' },
  ];
  if (navigator.storage?.estimate) {
    try {
      const { usage, quota } = await navigator.storage.estimate();
      if (quota > 0) {
        const originPercent = (100 * usage) / quota;
        metrics.push({ label: 'Origin storage', value: Math.round(originPercent * 100) / 100, unit: '%',
          status: statusOf(originPercent),
          hint: `navigator.storage.estimate(): ${(usage / 1048576).toFixed(1)} MB of ${(quota / 1048576).toFixed(0)} MB for all of this origin's storage` });
      }
    } catch {
      // Some browsers refuse estimate() in private windows: the 5 MB baseline stands alone then.
    }
  }
  const worst = metrics.some(m => m.status === 'critical') ? 'critical' : metrics.some(m => m.status === 'warning') ? 'warning' : 'good';
  return { section: 'storage', title: 'Browser storage', status: worst, metrics, updatedAt: new Date().toISOString() };
}
