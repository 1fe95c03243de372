// When Vigie runs with a token, open the page once as ...?token=XYZ: it is kept for this tab only (never in
// localStorage, so exports and Clear Caches never see it) and presented on /ws and on API changes.
const KEY = 'vigie.token';

const fromUrl = new URLSearchParams(location.search).get('token');
if (fromUrl) {
  sessionStorage.setItem(KEY, fromUrl);
  const url = new URL(location.href);
  url.searchParams.delete('token');
  history.replaceState(null, '', url);
}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function authHeaders() {
  const t = token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}
