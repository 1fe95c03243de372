// Which areas run on this server, from /health: a section whose area is absent is "not running", one whose area
// runs but has published nothing yet is "waiting for its first data".
export async function deployedAreas() {
  try {
    const response = await fetch('health', { headers: { Accept: 'application/json' } });
    const body = await response.json();
    return new Map((body.checks ?? []).map(c => [c.id, c.status]));
  } catch {
    return null;
  }
}
