// The /ws frames the page reads and the fields each must carry; what a frame holds (sections, log entries, alerts,
// stress progress) is checked by its own reader. Frame types the page does not read are ignored.
import { str, obj, opt, arrayOf, conforms } from './shape.js';

const NAMED = { section: str };

const FRAMES = {
  // node: this server's node id in a cluster; each section then names its node too.
  snapshot: { ts: str, sections: arrayOf(NAMED), log: arrayOf(obj), alerts: arrayOf(obj), node: opt(str) },
  update: { ts: str, sections: arrayOf(NAMED), removed: opt(arrayOf(str)), removedFromNodes: opt(arrayOf({ node: str, section: str })) },
  log: obj,
  alert: obj,
  stress: obj,
  error: { message: str },
};

/** The frame when it has the fields its type carries; null (reported on the marker) otherwise. */
export function readFrame(frame, marker) {
  const spec = FRAMES[frame.type];
  if (!spec) return null;
  return conforms(spec, frame, `a ${frame.type} frame`, marker) ? frame : null;
}
