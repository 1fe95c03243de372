// The one keyed update, used by the metric cards and by every table: shows exactly the given items, in order, each
// key keeping its node, so unchanged rows and cards keep their place and only what changed repaints.
export class KeyedNodes {
  /**
   * @param {Element} container the parent of the items' nodes
   * @param {{key: (item) => string, create: (item) => T, update: (made: T, item) => void, node?: (made: T) => Node}} how
   *   create makes what stands for a new key, update refreshes it, node gives its DOM node (default: itself)
   */
  constructor(container, { key, create, update, node = made => made }) {
    this.container = container;
    this.key = key;
    this.create = create;
    this.refresh = update;
    this.node = node;
    this.made = new Map();
  }

  /** Adds the new keys, updates the known ones, puts them in this order and removes the keys that are gone. */
  show(items) {
    const seen = new Set();
    let previous = null;
    for (const item of items) {
      const key = String(this.key(item));
      seen.add(key);
      let made = this.made.get(key);
      if (!made) {
        made = this.create(item);
        this.made.set(key, made);
      }
      this.refresh(made, item);
      const el = this.node(made);
      const expected = previous ? previous.nextSibling : this.container.firstChild;
      if (expected !== el) {
        if (previous) previous.after(el);
        else this.container.prepend(el);
      }
      previous = el;
    }
    for (const [key, made] of this.made) {
      if (!seen.has(key)) {
        this.node(made).remove();
        this.made.delete(key);
      }
    }
  }
}
