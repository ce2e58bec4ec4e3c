/**
 * Word-processor and slide text (Word, PowerPoint, OpenDocument text and presentations) read from their XML as it
 * streams: every paragraph outside a table is a block; every table row is one block whose cells keep their place and
 * the header row's text above them. The formats differ only in element names, given as a `FlowSyntax`.
 */
import { type DocumentBlock, rowBlock } from './blocks';
import type { ReadLimits } from './limits';
import type { XmlHandler } from './xml';

export interface FlowSyntax {
  paragraph: ReadonlySet<string>;
  /** Elements whose text is the document's text; absent: all text inside a paragraph counts (OpenDocument). */
  textIn?: ReadonlySet<string>;
  /** Elements that stand for a space: tabs, line breaks. */
  space: ReadonlySet<string>;
  /** Elements that stand for a character: Word's non-breaking hyphen, typed inside model numbers ("DS-2CD2143G2-I"). */
  characters?: Readonly<Record<string, string>>;
  /** OpenDocument's <text:s text:c="3"/>: several spaces. */
  spaces?: string;
  /** Subtrees that are not the document's text (deleted revisions, field codes). */
  skip: ReadonlySet<string>;
  table: string;
  row: string;
  cell: string;
  /** Cells a merged cell covers, which hold no text of their own. */
  coveredCell?: string;
}

/** How locations are written for this document or part. */
export interface FlowPlaces {
  paragraph(n: number): string;
  row(table: number, row: number): string;
  cell(table: number, row: number, cell: number): string;
}

/** Stops a read when a cap is reached; whatever was read before is kept, and the message is the note saying so. */
export class CapReached extends Error {}

/** The notes for the caps of cells and of text, as the readers write them. */
export const cellCapNote = (limits: ReadLimits, what = 'paragraphs and cells') =>
  `stopped at ${limits.maxCells.toLocaleString('en-GB')} ${what} (limit); the rest was not read`;
export const textCapNote = (limits: ReadLimits) =>
  `stopped at ${limits.maxTextChars.toLocaleString('en-GB')} characters of text (limit); the rest was not read`;

interface OpenTable {
  index: number;
  rows: number;
  header: string[] | null;
  cells: string[] | null;
  cell: string[] | null;
}

interface FlowState {
  paragraphs: number;
  tables: number;
  /** Paragraphs and cells read so far (against the cap). */
  units: number;
  /** Characters of text read so far (against the cap). */
  chars: number;
}

export const newFlowState = (): FlowState => ({ paragraphs: 0, tables: 0, units: 0, chars: 0 });

export function flowHandler(
  syntax: FlowSyntax,
  places: FlowPlaces,
  state: FlowState,
  limits: ReadLimits,
  emit: (block: DocumentBlock) => void,
): XmlHandler {
  const paragraphs: string[][] = [];
  const tables: OpenTable[] = [];
  let textDepth = 0;
  let skipDepth = 0;
  const count = (text: string) => {
    if (++state.units > limits.maxCells) throw new CapReached(cellCapNote(limits));
    state.chars += text.length;
    if (state.chars > limits.maxTextChars) throw new CapReached(textCapNote(limits));
  };
  const add = (text: string) => {
    const open = paragraphs.at(-1);
    if (open) open.push(text);
  };
  return {
    open(name, attributes) {
      if (skipDepth > 0 || syntax.skip.has(name)) {
        skipDepth++;
        return;
      }
      if (syntax.paragraph.has(name)) paragraphs.push([]);
      else if (syntax.textIn?.has(name)) textDepth++;
      else if (syntax.space.has(name)) add(' ');
      else if (syntax.characters?.[name] !== undefined) add(syntax.characters[name]!);
      else if (name === syntax.spaces) add(' '.repeat(Math.min(64, Number(attributes['text:c'] ?? 1) || 1)));
      else if (name === syntax.table)
        tables.push({ index: ++state.tables, rows: 0, header: null, cells: null, cell: null });
      else if (name === syntax.row && tables.length > 0) {
        const table = tables.at(-1)!;
        table.rows++;
        table.cells = [];
      } else if ((name === syntax.cell || name === syntax.coveredCell) && tables.at(-1)?.cells)
        tables.at(-1)!.cell = [];
    },
    text(text) {
      if (skipDepth > 0) return;
      if (syntax.textIn ? textDepth > 0 : paragraphs.length > 0) add(text);
    },
    close(name) {
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      const table = tables.at(-1);
      if (syntax.paragraph.has(name)) {
        const text = (paragraphs.pop() ?? []).join('').replace(/\s+/g, ' ').trim();
        if (!text) return;
        if (table?.cell) {
          table.cell.push(text);
        } else if (paragraphs.length > 0) {
          // A text box inside a paragraph: its text belongs to the paragraph around it.
          paragraphs.at(-1)!.push(` ${text} `);
        } else {
          count(text);
          emit({ text, location: places.paragraph(++state.paragraphs) });
        }
      } else if (syntax.textIn?.has(name)) textDepth = Math.max(0, textDepth - 1);
      else if ((name === syntax.cell || name === syntax.coveredCell) && table?.cell && table.cells) {
        const text = table.cell.join(' ');
        table.cells.push(text);
        table.cell = null;
        count(text);
      } else if (name === syntax.row && table?.cells) {
        const cells = table.cells;
        table.cells = null;
        const block = rowBlock(
          places.row(table.index, table.rows),
          cells.map((text, c) => ({
            text,
            location: places.cell(table.index, table.rows, c + 1),
            header: table.header?.[c]?.trim() || undefined,
          })),
        );
        if (table.header === null && block) table.header = cells;
        if (block) emit(block);
      } else if (name === syntax.table) tables.pop();
    },
  };
}
