// The page's first screen is drawn: the endpoint list's first rows are laid out. Reads that cost the server much and
// that the first screen does not show (the history store's uptime over every monitor: most of a second of a core at
// ten thousand monitors) wait for it, so that on a small machine they do not compete with the page loading. A page
// whose list has nothing to draw waits at most FALLBACK_MS.
const FALLBACK_MS = 2000;

let settle;
/** Resolves once the first screen is drawn (or FALLBACK_MS after the page's modules ran). */
export const firstPaint = new Promise(resolve => { settle = resolve; });

/** Called by the endpoint list once its first rows are laid out. */
export const painted = () => settle();

setTimeout(painted, FALLBACK_MS);
