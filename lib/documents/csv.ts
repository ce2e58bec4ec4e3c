import { type DocumentBlock, rowBlock } from './blocks';
import { columnName } from './sheet';

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes. A bill of quantities or a
 * supplier catalogue export becomes one text block per row.
 */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',' || char === ';' || char === '\t') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * One block per row, cells located as a spreadsheet shows them ("B12") under the first row's header, so a CSV bill of
 * quantities reads like the same sheet in Excel.
 */
export function csvBlocks(text: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let header: string[] | null = null;
  csvRows(text).forEach((cells, index) => {
    const row = index + 1;
    const block = rowBlock(
      `row ${row}`,
      cells.map((cell, column) => ({
        text: cell,
        location: `${columnName(column)}${row}`,
        header: header?.[column]?.trim(),
      })),
    );
    if (!block) return;
    header ??= cells;
    blocks.push(block);
  });
  return blocks;
}

/**
 * Quotes a value for CSV output (RFC 4180). A text cell that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return, as page-derived evidence could) gets a leading apostrophe, so
 * Excel, LibreOffice and Google Sheets show it as text ("CSV injection", OWASP). Numbers are written as they are.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  // Semicolons and tabs are quoted too: spreadsheets in many locales, and csvRows above, take them as separators.
  return /[",;\t\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
