// Which areas run on this server, from /health: a section whose area is absent is "not running", one whose area
// runs but has published nothing yet is "waiting for its first data".
import { str, arrayOf, conforms } from './shape.js';

/** Vert.x's health-check answer, 200 or 503 alike. */
const HEALTH = { checks: arrayOf({ id: str, status: str }) };

/** The deployed areas, id → status; null when /health cannot be read. */
export async function deployedAreas(marker) {
  let body;
  try {
    const response = await fetch('health', { headers: { Accept: 'application/json' } });
    body = await response.json();
  } catch {
    return null;
  }
  if (!conforms(HEALTH, body, '/health', marker)) return null;
  return new Map(body.checks.map(c => [c.id, c.status]));
}
