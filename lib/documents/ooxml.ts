/**
 * Office Open XML: Word (.docx), PowerPoint (.pptx) and Excel (.xlsx), read part by part from their ZIP container
 * with the streaming XML reader. Locations are the ones people use: "paragraph 31", "table 2, row 3", "slide 3",
 * "Sheet1!B12".
 */
import { count, type DocumentBlock, DocumentError, type DocumentRead, type ProgressListener } from './blocks';
import { CapReached, type FlowPlaces, type FlowSyntax, flowHandler, newFlowState } from './flow';
import type { ReadLimits } from './limits';
import { spreadsheetRows } from './sheet';
import { streamXml, xmlElements } from './xml';
import type { Budget, ZipEntry } from './zip';

export interface ZipDocument {
  bytes: Uint8Array;
  entries: Map<string, ZipEntry>;
  limits: ReadLimits;
  budget: Budget;
  onProgress?: ProgressListener;
}

function part(doc: ZipDocument, path: string): ZipEntry {
  const entry = doc.entries.get(path);
  if (!entry) throw new DocumentError(`damaged file: ${path} is missing`);
  return entry;
}

/** Resolves a relationship target against the folder of the part that names it ("xl/" + "worksheets/sheet1.xml"). */
function resolveTarget(folder: string, target: string): string {
  const segments = (target.startsWith('/') ? target.slice(1) : `${folder}${target}`).split('/');
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '..') out.pop();
    else if (segment !== '.') out.push(segment);
  }
  return out.join('/');
}

/** Relationship id -> part path, for a part such as xl/workbook.xml (its rels live in xl/_rels/workbook.xml.rels). */
function relationships(doc: ZipDocument, partPath: string): Map<string, string> {
  const slash = partPath.lastIndexOf('/');
  const folder = partPath.slice(0, slash + 1);
  const rels = doc.entries.get(`${folder}_rels/${partPath.slice(slash + 1)}.rels`);
  if (!rels) return new Map();
  return new Map(
    xmlElements(doc.bytes, rels, doc.limits, doc.budget, 'Relationship').map((r) => [
      r.Id ?? '',
      resolveTarget(folder, r.Target ?? ''),
    ]),
  );
}

/**
 * Word's text: w:t in runs. Not read: deleted revisions (w:del, and w:moveFrom, whose text also stands at its
 * w:moveTo), field codes, properties, and mc:Fallback, the copy of a text box or shape that Word writes beside its
 * mc:Choice for older readers (read both, every text box counted twice). Inserted revisions (w:ins) are read.
 */
const WORD: FlowSyntax = {
  paragraph: new Set(['w:p']),
  textIn: new Set(['w:t']),
  space: new Set(['w:tab', 'w:br', 'w:cr']),
  characters: { 'w:noBreakHyphen': '-', 'w:softHyphen': '' },
  skip: new Set(['w:del', 'w:moveFrom', 'w:delText', 'w:instrText', 'w:rPr', 'w:pPr', 'mc:Fallback']),
  table: 'w:tbl',
  row: 'w:tr',
  cell: 'w:tc',
};

const DRAWING: FlowSyntax = {
  paragraph: new Set(['a:p']),
  textIn: new Set(['a:t']),
  space: new Set(['a:br', 'a:tab']),
  skip: new Set(['a:rPr', 'a:pPr', 'mc:Fallback']),
  table: 'a:tbl',
  row: 'a:tr',
  cell: 'a:tc',
};

export const documentPlaces = (prefix = ''): FlowPlaces => ({
  paragraph: (n) => `${prefix}paragraph ${n}`,
  row: (t, r) => `${prefix}table ${t}, row ${r}`,
  cell: (t, r, c) => `${prefix}table ${t}, row ${r}, cell ${c}`,
});

const slidePlaces = (slide: number, part = ''): FlowPlaces => ({
  paragraph: () => `slide ${slide}${part}`,
  row: (t, r) => `slide ${slide}${part}, table ${t}, row ${r}`,
  cell: (t, r, c) => `slide ${slide}${part}, table ${t}, row ${r}, cell ${c}`,
});

/** Word: the body, then headers, footers, footnotes and endnotes (prefixed, so "footnotes, paragraph 2"). */
export function readDocx(doc: ZipDocument): DocumentRead {
  const blocks: DocumentBlock[] = [];
  const notes: string[] = [];
  const state = newFlowState();
  const extras = [...doc.entries.keys()]
    .filter((name) => /^word\/(header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(name))
    .sort();
  try {
    streamXml(
      doc.bytes,
      part(doc, 'word/document.xml'),
      doc.limits,
      doc.budget,
      flowHandler(WORD, documentPlaces(), state, doc.limits, (b) => blocks.push(b)),
    );
    for (const name of extras) {
      const label = name.slice(5, -4).replace(/(\D)(\d)/, '$1 $2');
      const own = newFlowState();
      own.units = state.units;
      own.chars = state.chars;
      streamXml(
        doc.bytes,
        part(doc, name),
        doc.limits,
        doc.budget,
        flowHandler(WORD, documentPlaces(`${label}, `), own, doc.limits, (b) => blocks.push(b)),
      );
      state.units = own.units;
      state.chars = own.chars;
    }
  } catch (error) {
    if (!(error instanceof CapReached)) throw error;
    notes.push(error.message);
  }
  const tables = state.tables ? `, ${count(state.tables, 'table')}` : '';
  return { blocks, extent: `${count(state.paragraphs, 'paragraph')}${tables}`, notes };
}

/**
 * PowerPoint: slides in presentation order (from presentation.xml), each paragraph and table row a block, then the
 * slide's speaker notes ("slide 3, notes"), where presenters keep the part numbers they do not put on the slide.
 */
export function readPptx(doc: ZipDocument): DocumentRead {
  const rels = relationships(doc, 'ppt/presentation.xml');
  let slides = xmlElements(doc.bytes, part(doc, 'ppt/presentation.xml'), doc.limits, doc.budget, 'p:sldId')
    .map((slide) => rels.get(slide['r:id'] ?? ''))
    .filter((path): path is string => path !== undefined && doc.entries.has(path));
  if (slides.length === 0) {
    const number = (name: string) => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);
    slides = [...doc.entries.keys()]
      .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
      .sort((a, b) => number(a) - number(b));
  }
  const blocks: DocumentBlock[] = [];
  const notes: string[] = [];
  let units = 0;
  let chars = 0;
  let read = 0;
  try {
    for (const [index, path] of slides.entries()) {
      doc.onProgress?.(index, slides.length, 'slide');
      const notesPart = [...relationships(doc, path).values()].find((target) =>
        /\/notesSlides\/[^/]+\.xml$/i.test(target),
      );
      for (const [partPath, places] of [
        [path, slidePlaces(index + 1)],
        ...(notesPart && doc.entries.has(notesPart) ? [[notesPart, slidePlaces(index + 1, ', notes')] as const] : []),
      ] as const) {
        const state = newFlowState();
        state.units = units;
        state.chars = chars;
        streamXml(
          doc.bytes,
          part(doc, partPath),
          doc.limits,
          doc.budget,
          flowHandler(DRAWING, places, state, doc.limits, (b) => blocks.push(b)),
        );
        units = state.units;
        chars = state.chars;
      }
      read++;
    }
  } catch (error) {
    if (!(error instanceof CapReached)) throw error;
    notes.push(error.message);
  }
  return { blocks, extent: count(read, 'slide'), notes };
}

/**
 * Excel: every sheet in workbook order, one block per row, cells located "Sheet1!B12" under their header. Hidden and
 * very hidden sheets, hidden rows and columns are read like the rest: hidden is not deleted, and a price list's
 * hidden sheet still names what is bought (the location says which sheet). Formulas are not read, their cached
 * values are; comments are not read.
 */
export function readXlsx(doc: ZipDocument): DocumentRead {
  const rels = relationships(doc, 'xl/workbook.xml');
  const sheets = xmlElements(doc.bytes, part(doc, 'xl/workbook.xml'), doc.limits, doc.budget, 'sheet').map((s) => ({
    name: s.name ?? 'Sheet',
    path: rels.get(s['r:id'] ?? '') ?? '',
  }));
  const shared = sharedStrings(
    doc,
    [...rels.values()].find((p) => p.toLowerCase().endsWith('sharedstrings.xml')) ?? 'xl/sharedStrings.xml',
  );
  const rows = spreadsheetRows(doc.limits);
  try {
    for (const [index, sheet] of sheets.entries()) {
      doc.onProgress?.(index, sheets.length, 'sheet');
      const entry = doc.entries.get(sheet.path);
      if (!entry) continue; // a chart sheet or a dialog sheet has no cells
      rows.startSheet(sheet.name);
      let cell: { ref: string; type: string; value: string } | null = null;
      let inValue = false;
      let rowNumber = 0;
      streamXml(doc.bytes, entry, doc.limits, doc.budget, {
        open(name, attributes) {
          if (name === 'row') rowNumber = Number(attributes.r) || rowNumber + 1;
          else if (name === 'c') cell = { ref: attributes.r ?? '', type: attributes.t ?? 'n', value: '' };
          else if (name === 'v' || name === 't') inValue = cell !== null;
        },
        text(text) {
          if (inValue && cell) cell.value += text;
        },
        close(name) {
          if (name === 'v' || name === 't') inValue = false;
          else if (name === 'c' && cell) {
            const { ref, type, value } = cell;
            cell = null;
            const text =
              type === 's' ? (shared[Number(value)] ?? '') : type === 'b' ? (value === '1' ? 'TRUE' : 'FALSE') : value;
            rows.cell(columnOf(ref), text);
          } else if (name === 'row') rows.endRow(rowNumber);
        },
      });
    }
  } catch (error) {
    if (!(error instanceof CapReached)) throw error;
  }
  return rows.finish();
}

/** Column index (0-based) of a cell reference: "B12" -> 1, "AA3" -> 26; -1 when the reference is missing. */
function columnOf(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0];
  if (!letters) return -1;
  let n = 0;
  for (const letter of letters) n = n * 26 + letter.charCodeAt(0) - 64;
  return n - 1;
}

/**
 * The shared-string table: each <si>'s text runs, without phonetic guides (<rPh>). Held whole (cells refer to it by
 * index); its size is bounded by the per-entry decompression cap.
 */
function sharedStrings(doc: ZipDocument, path: string): string[] {
  const entry = doc.entries.get(path);
  if (!entry) return [];
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  streamXml(doc.bytes, entry, doc.limits, doc.budget, {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = phonetic === 0;
    },
    text(text) {
      if (inText && current) current.push(text);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current) {
        strings.push(current.join(''));
        current = null;
      }
    },
  });
  return strings;
}
