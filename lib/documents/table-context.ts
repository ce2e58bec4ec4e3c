/**
 * What a table cell's neighbours say about it, for the engine's BlockContext: the header of its column
 * ("Manufacturer", "Model") and the rest of its row, each cell under its own header, so a model code that other
 * makers share (EC25-E) meets the maker named in the next cell ("Quectel"). Pure, over a plain model of the table,
 * so the saved-HTML reader (htmlparser2 events) and the content script (the live DOM) decide alike.
 *
 * Two shapes of table are common on shop and tender pages:
 * - a grid: a header row (a `<thead>` row, or a first row of `<th>` cells) over rows of items, one item per row;
 * - a specification table: one item, a `<th>` (or a first cell) naming each property on its row ("Brand | Quectel",
 *   "Model | EC25-E"); the whole table is the item, each value under its property's name.
 */
import type { BlockContext, ContextCell } from '../engine/index';

interface TableCell {
  text: string;
  /** A `<th>`. */
  heading: boolean;
}

export interface TableModel {
  /** Rows in document order; `inHead` marks the rows of a `<thead>`. */
  rows: Array<{ cells: TableCell[]; inHead: boolean }>;
}

/** Cells longer than this are prose, not a property or a maker: leaving them out keeps messages small. */
const MAX_CELL_CHARS = 200;
/** A specification table is one product's: a long one is a list of items with a heading column, not one item. */
const MAX_SPEC_ROWS = 40;
/** Row cells sent as context per cell: wide tables are spreadsheets pasted into a page; the first columns name things. */
const MAX_ITEM_CELLS = 16;

const trimmed = (text: string) => text.replace(/\s+/g, ' ').trim();
const usable = (text: string) => text.length > 0 && text.length <= MAX_CELL_CHARS;

/** The header row: a `<thead>` row, else a first row of `<th>` cells only (two or more). */
function headerRow(table: TableModel): string[] | null {
  const head = table.rows.findLast((row) => row.inHead && row.cells.length > 1);
  if (head) return head.cells.map((cell) => trimmed(cell.text));
  const first = table.rows[0];
  if (first && first.cells.length > 1 && first.cells.every((cell) => cell.heading))
    return first.cells.map((cell) => trimmed(cell.text));
  return null;
}

/** A specification table: every row two cells, a heading (or label) then a value. */
function isSpecificationTable(table: TableModel): boolean {
  const body = table.rows.filter((row) => !row.inHead);
  return (
    body.length >= 2 &&
    body.length <= MAX_SPEC_ROWS &&
    body.every((row) => row.cells.length === 2 && (row.cells[0]!.heading || !row.cells[1]!.heading))
  );
}

/**
 * The context of every cell of the table, by [row, cell] position in `table.rows`, or undefined where a cell gets
 * none (header cells, tables of a single column, prose-length cells).
 */
export function tableContexts(table: TableModel): Array<Array<BlockContext | undefined>> {
  const contexts = table.rows.map((row) => row.cells.map((): BlockContext | undefined => undefined));
  const header = headerRow(table);
  if (header) {
    table.rows.forEach((row, r) => {
      if (row.inHead || (r === 0 && !table.rows.some((other) => other.inHead) && row.cells.every((c) => c.heading)))
        return;
      const cells: ContextCell[] = row.cells.flatMap((cell, c) => {
        const text = trimmed(cell.text);
        return usable(text) ? [{ text, ...(header[c] ? { header: header[c] } : {}) }] : [];
      });
      row.cells.forEach((cell, c) => {
        const text = trimmed(cell.text);
        if (!usable(text) || cells.length < 2) return;
        const item = cells
          .filter((other) => other.text !== text || other.header !== header[c])
          .slice(0, MAX_ITEM_CELLS);
        contexts[r]![c] = { ...(header[c] ? { header: header[c] } : {}), item };
      });
    });
    return contexts;
  }
  if (isSpecificationTable(table)) {
    const properties = table.rows.flatMap((row, r) => {
      if (row.inHead) return [];
      const name = trimmed(row.cells[0]!.text);
      const value = trimmed(row.cells[1]!.text);
      return usable(name) && usable(value) ? [{ r, name, value }] : [];
    });
    for (const { r, name } of properties) {
      const item = properties
        .filter((other) => other.r !== r)
        .slice(0, MAX_ITEM_CELLS)
        .map((other) => ({ text: other.value, header: other.name }));
      contexts[r]![1] = { header: name, item };
    }
  }
  return contexts;
}
