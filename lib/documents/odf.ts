/**
 * OpenDocument (.odt, .ods, .odp) from LibreOffice and others: content.xml read as it streams. Text documents and
 * presentations share the word-processor reader (flow.ts); spreadsheets share the row reader with Excel, expanding
 * LibreOffice's repeated rows and columns without materialising its million-row empty tails.
 */
import { count, DocumentError, type DocumentRead } from './blocks';
import { CapReached, type FlowPlaces, type FlowSyntax, flowHandler, newFlowState } from './flow';
import { documentPlaces, type ZipDocument } from './ooxml';
import { spreadsheetRows } from './sheet';
import { streamXml } from './xml';

const ODF_TEXT: FlowSyntax = {
  paragraph: new Set(['text:p', 'text:h']),
  space: new Set(['text:tab', 'text:line-break']),
  spaces: 'text:s',
  skip: new Set(['office:annotation', 'text:tracked-changes', 'office:forms', 'draw:image']),
  table: 'table:table',
  row: 'table:table-row',
  cell: 'table:table-cell',
  coveredCell: 'table:covered-table-cell',
};

/** Non-empty cells repeated across columns are written out at most this many times. */
const MAX_REPEAT = 64;

type OdfKind = 'text' | 'spreadsheet' | 'presentation';

export function odfKind(mimetype: string): OdfKind | null {
  const match = /^application\/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation)(-template)?$/.exec(
    mimetype.trim(),
  );
  const kind = match?.[1];
  return kind === 'text' || kind === 'spreadsheet' || kind === 'presentation' ? kind : null;
}

function content(doc: ZipDocument) {
  const entry = doc.entries.get('content.xml');
  if (!entry) throw new DocumentError('damaged file: content.xml is missing');
  return entry;
}

export function readOdf(doc: ZipDocument, kind: OdfKind): DocumentRead {
  if (kind === 'spreadsheet') return readOds(doc);
  const blocks: DocumentRead['blocks'] = [];
  const notes: string[] = [];
  const state = newFlowState();
  let slide = 0;
  const places: FlowPlaces =
    kind === 'presentation'
      ? {
          paragraph: () => `slide ${slide}`,
          row: (t, r) => `slide ${slide}, table ${t}, row ${r}`,
          cell: (t, r, c) => `slide ${slide}, table ${t}, row ${r}, cell ${c}`,
        }
      : documentPlaces();
  const flow = flowHandler(ODF_TEXT, places, state, doc.limits, (block) => blocks.push(block));
  try {
    streamXml(doc.bytes, content(doc), doc.limits, doc.budget, {
      open(name, attributes) {
        if (name === 'draw:page') slide++;
        flow.open?.(name, attributes);
      },
      text: flow.text,
      close: flow.close,
    });
  } catch (error) {
    if (!(error instanceof CapReached)) throw error;
    notes.push(error.message);
  }
  const extent =
    kind === 'presentation'
      ? count(slide, 'slide')
      : `${count(state.paragraphs, 'paragraph')}${state.tables ? `, ${count(state.tables, 'table')}` : ''}`;
  return { blocks, extent, notes };
}

function readOds(doc: ZipDocument): DocumentRead {
  const rows = spreadsheetRows(doc.limits);
  let row = 0;
  let column = 0;
  let repeatColumns = 1;
  let repeatRows = 1;
  let cell: string[] | null = null;
  let paragraph = 0;
  let skip = 0;
  try {
    streamXml(doc.bytes, content(doc), doc.limits, doc.budget, {
      open(name, attributes) {
        if (skip > 0 || name === 'office:annotation') {
          skip++;
          return;
        }
        if (name === 'table:table') {
          rows.startSheet(attributes['table:name'] ?? 'Sheet');
          row = 0;
        } else if (name === 'table:table-row') {
          repeatRows = Math.max(1, Number(attributes['table:number-rows-repeated']) || 1);
          column = 0;
        } else if (name === 'table:table-cell' || name === 'table:covered-table-cell') {
          repeatColumns = Math.max(1, Number(attributes['table:number-columns-repeated']) || 1);
          cell = [];
          paragraph = 0;
        } else if (cell && name === 'text:p' && paragraph++ > 0) cell.push(' ');
        else if (cell && name === 'text:s') cell.push(' '.repeat(Math.min(64, Number(attributes['text:c'] ?? 1) || 1)));
        else if (cell && (name === 'text:tab' || name === 'text:line-break')) cell.push(' ');
      },
      text(text) {
        if (skip === 0 && cell) cell.push(text);
      },
      close(name) {
        if (skip > 0) {
          skip--;
          return;
        }
        if ((name === 'table:table-cell' || name === 'table:covered-table-cell') && cell) {
          const text = cell.join('');
          cell = null;
          if (text.trim()) for (let i = 0; i < Math.min(repeatColumns, MAX_REPEAT); i++) rows.cell(column + i, text);
          column += repeatColumns;
        } else if (name === 'table:table-row') {
          // A repeated row with text is read once; LibreOffice's empty tails are only counted.
          rows.endRow(row + 1);
          row += repeatRows;
        }
      },
    });
  } catch (error) {
    if (!(error instanceof CapReached)) throw error;
  }
  return rows.finish();
}
