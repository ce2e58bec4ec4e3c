/**
 * Table context for blocks that are table cells on a live page: the DOM's table read into the plain model
 * lib/documents/table-context.ts decides on, so a page and its saved HTML give a cell the same context. Reads
 * `textContent` only (no layout). One model per table per scan: a 5,000-row table is read once, not per cell.
 */

import { HIDDEN_ATTRIBUTE, READABLE_ATTRIBUTES, SKIPPED_TAGS } from '../lib/documents/markup';
import { type TableModel, tableContexts } from '../lib/documents/table-context';
import type { BlockContext } from '../lib/engine/index';

/** Tables larger than this are data dumps: their cells are still scanned, just without each other's context. */
const MAX_TABLE_CELLS = 50_000;

const isCell = (element: Element) => element.localName === 'td' || element.localName === 'th';
const normalised = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * A cell's text as the saved-HTML reader (lib/documents/html.ts) takes it: text, a space for `<br>`, the readable
 * attributes (alt, title, aria-label), nothing from scripts, templates or `hidden` elements. `textContent` would
 * glue "camera<br>Reference" into one word and keep script text, so a cell would read differently in each reader.
 */
function cellText(element: Element): string {
  let text = '';
  for (const node of element.childNodes) {
    if (node.nodeType === 3) text += node.nodeValue ?? '';
    else if (node.nodeType === 1) {
      const child = node as Element;
      if (SKIPPED_TAGS.has(child.localName) || child.hasAttribute(HIDDEN_ATTRIBUTE)) continue;
      if (child.localName === 'br') text += ' ';
      for (const attribute of READABLE_ATTRIBUTES) {
        const value = child.getAttribute(attribute);
        if (value?.trim()) text += ` ${value} `;
      }
      text += cellText(child);
    }
  }
  return text;
}

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
  private readonly tables = new Map<Element, Map<Element, CellEntry> | null>();

  /**
   * The context of a block that holds all of a table cell's text: the cell's own block, or the only text in it
   * (`<td><p>EC25-E</p></td>`); undefined for part of a cell (a link beside a `<div>` in one cell reads as two
   * blocks, neither the cell), or when its table gives none. The same rule as the saved-HTML reader's.
   */
  of(element: Element, text: string): BlockContext | undefined {
    const cell = isCell(element) ? element : element.closest('td, th');
    if (!cell) return undefined;
    const table = cell.parentElement?.closest('table');
    if (!table) return undefined;
    let contexts = this.tables.get(table);
    if (contexts === undefined) {
      contexts = read(table);
      this.tables.set(table, contexts);
    }
    const entry = contexts?.get(cell);
    return entry && entry.text === normalised(text) ? entry.context : undefined;
  }
}

/** A cell with a context, and its text (normalised) to recognise the block that holds all of it. */
interface CellEntry {
  context: BlockContext;
  text: string;
}

function read(table: Element): Map<Element, CellEntry> | null {
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
      cells: cells.map((cell) => ({ text: cellText(cell), heading: cell.localName === 'th' })),
    });
  }
  const byCell = new Map<Element, CellEntry>();
  tableContexts(model).forEach((row, r) => {
    row.forEach((context, c) => {
      if (context) byCell.set(elements[r]![c]!, { context, text: normalised(model.rows[r]!.cells[c]!.text) });
    });
  });
  return byCell;
}
