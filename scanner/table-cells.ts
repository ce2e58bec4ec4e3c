/**
 * Table context for blocks that are table cells on a live page: the DOM's table read into the plain model
 * lib/documents/table-context.ts decides on, so a page and its saved HTML give a cell the same context. Reads
 * `textContent` only (no layout). One model per table per scan: a 5,000-row table is read once, not per cell.
 */

import { type TableModel, tableContexts } from '../lib/documents/table-context';
import type { BlockContext } from '../lib/engine/index';

/** Tables larger than this are data dumps: their cells are still scanned, just without each other's context. */
const MAX_TABLE_CELLS = 50_000;

const isCell = (element: Element) => element.localName === 'td' || element.localName === 'th';

/** The table's own rows (not those of tables nested in its cells), with the section each is in. */
function rowsOf(table: Element): Array<{ row: Element; inHead: boolean }> {
  const rows: Array<{ row: Element; inHead: boolean }> = [];
  for (const child of table.children) {
    if (child.localName === 'tr') rows.push({ row: child, inHead: false });
    else if (child.localName === 'thead' || child.localName === 'tbody' || child.localName === 'tfoot')
      for (const row of child.children)
        if (row.localName === 'tr') rows.push({ row, inHead: child.localName === 'thead' });
  }
  return rows;
}

/** Reads tables once per scan and answers each cell's context. */
export class TableContexts {
  private readonly tables = new Map<Element, Map<Element, BlockContext> | null>();

  /**
   * The context of a block whose element is a table cell, or is the only text of one (`<td><p>EC25-E</p></td>`);
   * undefined otherwise, or when its table gives none.
   */
  of(element: Element, text: string): BlockContext | undefined {
    const cell = isCell(element) ? element : element.closest('td, th');
    if (!cell) return undefined;
    if (cell !== element && (cell.textContent ?? '').replace(/\s+/g, ' ').trim() !== text.trim()) return undefined;
    const table = cell.parentElement?.closest('table');
    if (!table) return undefined;
    let contexts = this.tables.get(table);
    if (contexts === undefined) {
      contexts = read(table);
      this.tables.set(table, contexts);
    }
    return contexts?.get(cell);
  }
}

function read(table: Element): Map<Element, BlockContext> | null {
  const rows = rowsOf(table);
  const model: TableModel = { rows: [] };
  const elements: Element[][] = [];
  let count = 0;
  for (const { row, inHead } of rows) {
    const cells = [...row.children].filter(isCell);
    count += cells.length;
    if (count > MAX_TABLE_CELLS) return null;
    elements.push(cells);
    model.rows.push({
      inHead,
      cells: cells.map((cell) => ({ text: cell.textContent ?? '', heading: cell.localName === 'th' })),
    });
  }
  const byCell = new Map<Element, BlockContext>();
  tableContexts(model).forEach((row, r) => {
    row.forEach((context, c) => {
      if (context) byCell.set(elements[r]![c]!, context);
    });
  });
  return byCell;
}
