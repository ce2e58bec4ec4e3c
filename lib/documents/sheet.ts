/**
 * Spreadsheet rows as blocks, shared by Excel and OpenDocument spreadsheets: one block per row, each cell located
 * "Sheet1!B12" and carrying the text of its column's header, so a "Manufacturer" column can inform the model number
 * beside it. The header row is the first row near the top whose cells are all words (a title row above it is skipped).
 */
import { count, type DocumentBlock, type DocumentRead, rowBlock } from './blocks';
import { CapReached, cellCapNote, textCapNote } from './flow';
import type { ReadLimits } from './limits';

/** How many rows from the top of a sheet may be searched for its header row. */
const HEADER_SEARCH_ROWS = 10;

export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A sheet name as Excel writes it in a reference: quoted when it has spaces or punctuation. */
const sheetRef = (name: string) => (/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

const isWords = (text: string) => /\p{L}/u.test(text) && !/^[\d\s.,:/%-]+$/.test(text);

export function spreadsheetRows(limits: ReadLimits) {
  const blocks: DocumentBlock[] = [];
  const notes: string[] = [];
  let sheets = 0;
  let rows = 0;
  let cells = 0;
  let chars = 0;
  let sheet = '';
  let header: string[] | null = null;
  let rowsSeen = 0;
  let current: Array<{ column: number; text: string }> = [];
  let nextColumn = 0;
  return {
    blocks,
    startSheet(name: string) {
      sheets++;
      sheet = sheetRef(name);
      header = null;
      rowsSeen = 0;
      current = [];
      nextColumn = 0;
    },
    /** A cell of the current row; `column` -1 means "the one after the last". */
    cell(column: number, text: string) {
      const at = column >= 0 ? column : nextColumn;
      nextColumn = at + 1;
      if (!text.trim()) return;
      chars += text.length;
      const cap =
        ++cells > limits.maxCells
          ? cellCapNote(limits, 'cells')
          : chars > limits.maxTextChars
            ? textCapNote(limits)
            : null;
      if (cap) {
        notes.push(cap);
        throw new CapReached(cap);
      }
      current.push({ column: at, text });
    },
    endRow(row: number) {
      const cellsOfRow = current;
      current = [];
      nextColumn = 0;
      if (cellsOfRow.length === 0) return;
      rows++;
      rowsSeen++;
      const block = rowBlock(
        `${sheet}, row ${row}`,
        cellsOfRow.map(({ column, text }) => ({
          text,
          location: `${sheet}!${columnName(column)}${row}`,
          header: header?.[column],
        })),
      );
      if (block) blocks.push(block);
      if (
        header === null &&
        rowsSeen <= HEADER_SEARCH_ROWS &&
        cellsOfRow.length >= 2 &&
        cellsOfRow.every((c) => isWords(c.text))
      ) {
        header = [];
        for (const { column, text } of cellsOfRow) header[column] = text.replace(/\s+/g, ' ').trim();
      }
    },
    finish(): DocumentRead {
      return { blocks, extent: `${count(sheets, 'sheet')}, ${count(rows, 'row')}`, notes };
    },
  };
}
