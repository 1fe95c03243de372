// A table whose rows are keyed and updated in place, with a fixed number of reserved rows so it does not jump.
import { h, setText } from './dom.js';

export class KeyedTable {
  /**
   * @param {string} caption accessible caption
   * @param {Array<{title: string, cell: (row) => (string|Node), numeric?: boolean}>} columns
   * @param {(row) => string} key
   * @param {string} empty text shown when there are no rows
   */
  constructor(caption, columns, key, empty) {
    this.columns = columns;
    this.key = key;
    this.body = h('tbody');
    this.empty = h('p', { class: 'empty', text: empty });
    this.table = h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden', text: caption }),
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.numeric ? 'num' : null, text: c.title })))),
      this.body);
    this.el = h('div', { class: 'table-wrap' }, this.table, this.empty);
    this.rows = new Map();
  }

  update(rows) {
    const list = Array.isArray(rows) ? rows : [];
    this.empty.hidden = list.length > 0;
    this.table.hidden = list.length === 0;
    const seen = new Set();
    let previous = null;
    for (const row of list) {
      const key = String(this.key(row));
      seen.add(key);
      let tr = this.rows.get(key);
      if (!tr) {
        tr = h('tr', {}, this.columns.map(c => h('td', { class: c.numeric ? 'num' : null })));
        this.rows.set(key, tr);
      }
      this.columns.forEach((column, i) => {
        const content = column.cell(row);
        const td = tr.children[i];
        if (content instanceof Node) td.replaceChildren(content);
        else setText(td, content);
      });
      const expected = previous ? previous.nextSibling : this.body.firstChild;
      if (expected !== tr) {
        if (previous) previous.after(tr);
        else this.body.prepend(tr);
      }
      previous = tr;
    }
    for (const [key, tr] of this.rows) {
      if (!seen.has(key)) {
        tr.remove();
        this.rows.delete(key);
      }
    }
  }
}
