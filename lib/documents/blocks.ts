/**
 * What every document reader produces: text blocks the engine scans, each with the place a person would look for
 * it ("page 4", "Sheet1!B12", "paragraph 31", "slide 3", "line 12").
 */

import type { BlockContext } from '../engine/index';

/** One cell of a table or spreadsheet row block. */
interface BlockCell {
  /** Offset of the cell's text in the block's `text`. */
  start: number;
  /** Where the cell is, e.g. "Sheet1!B12" or "table 2, row 3, cell 4". */
  location: string;
  /** The text of the header row's cell above it, when the table has a header row ("Manufacturer"). */
  header?: string;
}

/**
 * A unit of text read as one: a paragraph, a PDF line group, a table row or a spreadsheet row. Row blocks join their
 * cells with " | " (as the CSV reader always has) and say where each cell starts, so a finding gets the cell's own
 * location and the engine can learn which column a model number sits in.
 */
export interface DocumentBlock {
  text: string;
  location: string;
  cells?: BlockCell[];
  /** For a table cell read as a block of its own (HTML): its column's header and the rest of its row. */
  context?: BlockContext;
}

/** What a reader made of one document. */
export interface DocumentRead {
  blocks: DocumentBlock[];
  /** How much was read, for the summary line: "12 pages", "2 sheets, 1,204 rows", "48 paragraphs". */
  extent: string;
  /** Anything a reader should know: "read the first 2,000 of 10,000 pages (limit)". */
  notes: string[];
}

/** A document that cannot be read, with the one-line reason a person sees ("encrypted: remove the password..."). */
export class DocumentError extends Error {
  override name = 'DocumentError';
}

/** Cells joined into one row block (empty cells left out), each keeping its location and header. */
export function rowBlock(
  location: string,
  cells: Array<{ text: string; location: string; header?: string }>,
): DocumentBlock | null {
  let text = '';
  const out: BlockCell[] = [];
  for (const cell of cells) {
    const value = cell.text.replace(/\s+/g, ' ').trim();
    if (!value) continue;
    if (text) text += ' | ';
    out.push({ start: text.length, location: cell.location, ...(cell.header ? { header: cell.header } : {}) });
    text += value;
  }
  return text ? { text, location, cells: out } : null;
}

/** The location of the text at `offset` in a block: its cell's, or the block's own. */
export function locationAt(block: DocumentBlock, offset: number): string {
  let location = block.location;
  for (const cell of block.cells ?? []) {
    if (cell.start > offset) break;
    location = cell.location;
  }
  return location;
}

/** "1 page", "1,204 rows". */
export const count = (n: number, unit: string, plural = `${unit}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? unit : plural}`;

/** Reports progress of a long read: `done` of `total` units (pages, rows, entries). */
export type ProgressListener = (done: number, total: number, unit: string) => void;
