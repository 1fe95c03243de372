// A table whose rows are keyed and updated in place, with a fixed number of reserved rows so it does not jump.
import { h, setText } from './dom.js';
import { KeyedNodes } from './keyed.js';

export class KeyedTable {
  /**
   * @param {string} caption accessible caption
   * @param {Array<{title: string, cell: (row) => (string|Node), numeric?: boolean}>} columns
   * @param {(row) => string} key
   * @param {string} empty text shown when there are no rows
   */
  constructor(caption, columns, key, empty) {
    const body = h('tbody');
    this.empty = h('p', { class: 'empty', text: empty });
    this.table = h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden', text: caption }),
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.numeric ? 'num' : null, text: c.title })))),
      body);
    this.el = h('div', { class: 'table-wrap' }, this.table, this.empty);
    this.rows = new KeyedNodes(body, {
      key,
      create: () => h('tr', {}, columns.map(c => h('td', { class: c.numeric ? 'num' : null }))),
      update: (tr, row) => columns.forEach((column, i) => {
        const content = column.cell(row);
        const td = tr.children[i];
        if (content instanceof Node) td.replaceChildren(content);
        else setText(td, content);
      }),
    });
  }

  /** Shows exactly these rows, in this order. */
  update(rows) {
    this.empty.hidden = rows.length > 0;
    this.table.hidden = rows.length === 0;
    this.rows.show(rows);
  }
}
