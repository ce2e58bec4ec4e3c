/**
 * Text blocks of a saved HTML page, the way the content script sees a live one: one block per table cell, list
 * item, paragraph, heading or leaf division, with inline elements joined ("<b>Hik</b>vision" is one word).
 * Scripts, styles, templates and `hidden` elements are skipped; alt, title and aria-label text counts.
 */
import { Parser } from 'htmlparser2';
import type { DocumentBlock } from './blocks';
import { BLOCK_TAGS, HIDDEN_ATTRIBUTE, READABLE_ATTRIBUTES, SKIPPED_TAGS } from './markup';
import { type TableModel, tableContexts } from './table-context';

/** A table being read: its model, and for each cell the block it became (if its text was a block of its own). */
interface OpenTable {
  model: TableModel;
  inHead: boolean;
  cellBlocks: Array<Array<number | undefined>>;
  /** The cell being read, as [row, cell], and its text so far (nested blocks included). */
  cell: { row: number; index: number; parts: string[]; firstBlock: number } | null;
}

/** The blocks with their locations: the line of the source where each block starts ("line 42"). */
export function htmlDocumentBlocks(html: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  // A stack of open blocks (their text and the line they start on); text goes to the innermost one.
  const stack: Array<{ parts: string[]; line: number }> = [{ parts: [], line: 1 }];
  let skipDepth = 0;
  let line = 1;
  let counted = 0;
  /** The line of the parser's current position, counting newlines once as the parser moves on. */
  const lineNow = (index: number) => {
    for (; counted < index && counted < html.length; counted++) if (html.charCodeAt(counted) === 10) line++;
    return line;
  };
  const flush = (open: { parts: string[]; line: number }) => {
    const text = open.parts.join('').replace(/\s+/g, ' ').trim();
    if (text) blocks.push({ text, location: `line ${open.line}` });
  };
  // Tables being read, innermost last: their cells give each other context (see table-context.ts).
  const tables: OpenTable[] = [];
  const closeTable = () => {
    const table = tables.pop()!;
    tableContexts(table.model).forEach((row, r) => {
      row.forEach((context, c) => {
        const index = table.cellBlocks[r]?.[c];
        if (context && index !== undefined) blocks[index]!.context = context;
      });
    });
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        // htmlparser2 closes every tag it opens (void and implied ones too), so a depth counter is exact.
        if (skipDepth > 0 || SKIPPED_TAGS.has(name) || HIDDEN_ATTRIBUTE in attributes) {
          skipDepth++;
          return;
        }
        if (BLOCK_TAGS.has(name)) stack.push({ parts: [], line: lineNow(parser.startIndex) });
        const table = tables.at(-1);
        if (name === 'table') tables.push({ model: { rows: [] }, inHead: false, cellBlocks: [], cell: null });
        else if (table && name === 'thead') table.inHead = true;
        else if (table && name === 'tr') {
          table.model.rows.push({ cells: [], inHead: table.inHead });
          table.cellBlocks.push([]);
        } else if (table && (name === 'td' || name === 'th') && table.model.rows.length > 0 && !table.cell) {
          const row = table.model.rows.length - 1;
          table.model.rows[row]!.cells.push({ text: '', heading: name === 'th' });
          table.cell = { row, index: table.model.rows[row]!.cells.length - 1, parts: [], firstBlock: blocks.length };
        }
        if (name === 'br') {
          stack.at(-1)!.parts.push(' ');
          tables.at(-1)?.cell?.parts.push(' ');
        }
        for (const attribute of READABLE_ATTRIBUTES) {
          const value = attributes[attribute];
          if (value?.trim()) {
            stack.at(-1)!.parts.push(` ${value} `);
            tables.at(-1)?.cell?.parts.push(` ${value} `);
          }
        }
      },
      ontext(text) {
        if (skipDepth > 0) return;
        const open = stack.at(-1)!;
        // The outermost block starts where its first words are, not at the top of the file.
        if (open.parts.length === 0 && stack.length === 1 && text.trim()) open.line = lineNow(parser.startIndex);
        open.parts.push(text);
        tables.at(-1)?.cell?.parts.push(text);
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        const table = tables.at(-1);
        if (table?.cell && (name === 'td' || name === 'th')) {
          const { row, index, parts, firstBlock } = table.cell;
          const text = parts.join('');
          table.model.rows[row]!.cells[index]!.text = text;
          table.cell = null;
          if (stack.length > 1) flush(stack.pop()!);
          // The cell's block: the one text block read inside it (its own, or a lone <p> in it) holding all its text.
          const only = blocks.length === firstBlock + 1 ? blocks[firstBlock] : undefined;
          if (only && only.text === text.replace(/\s+/g, ' ').trim()) table.cellBlocks[row]![index] = firstBlock;
          return;
        }
        if (table && name === 'thead') table.inHead = false;
        if (BLOCK_TAGS.has(name) && stack.length > 1) flush(stack.pop()!);
        if (table && name === 'table') closeTable();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  while (stack.length > 0) flush(stack.pop()!);
  while (tables.length > 0) closeTable();
  return blocks;
}
