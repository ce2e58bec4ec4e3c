/**
 * PDF text with Mozilla's pdf.js (pdfjs-dist), page by page so memory stays at one page's text. pdf.js gives text
 * runs with positions; runs on one baseline become a line (a wide gap between runs is a table column, and such a
 * line is kept as one row block), and lines close together become a paragraph block. The page number is the
 * location. A PDF whose pages carry no text at all is a scan and is reported as such, not as "nothing found".
 *
 * pdf.js runs in the calling thread (its worker module is loaded as `globalThis.pdfjsWorker`): in the extension the
 * caller is already a Web Worker, and in Node there is no main thread to keep free.
 *
 * Text in Chinese, Japanese or Korean is often drawn with a font that is not embedded and a predefined encoding
 * (UniCNS-UCS2-H, GBK-EUC-H, 90ms-RKSJ-H...): pdf.js can only turn its codes into characters with its packed CMaps
 * (pdfjs-dist/cmaps). The caller says how to load them where it runs (`PdfData`: files in Node, the extension's own
 * package in the browser), and nothing is ever fetched from the network. Without them such a page has no text at
 * all: that is reported as such, never as a scanned image or as "nothing found". pdf.js's standard font files are
 * deliberately not given: on its own test corpus they turned the text of 12 of 969 files into garbage (issue6127's
 * French and issue20453's Russian shifted to other glyphs, issue7835's digits to control characters) and mended none.
 */

import { errorMessage, errorProperty } from '../error-message';
import { count, type DocumentBlock, DocumentError, type DocumentRead, type ProgressListener, rowBlock } from './blocks';
import { textCapNote } from './flow';
import type { ReadLimits } from './limits';

/** Loads one of pdf.js's packed CMaps by file name ("UniCNS-UCS2-H.bcmap", from pdfjs-dist/cmaps). */
export type PdfData = (file: string) => Promise<Uint8Array>;

interface PdfOptions {
  limits: ReadLimits;
  onProgress?: ProgressListener;
  /** pdf.js's CMaps; without them, text in fonts that need them is not read (and said so). */
  data?: PdfData;
}

interface TextRun {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

interface Line {
  y: number;
  size: number;
  /** Text of each column, left to right (one entry for ordinary text). */
  columns: string[];
  /** Where each column starts (x). */
  starts: number[];
}

/** A table row not yet emitted: the lines just below it may continue its cells (text wrapped inside a cell). */
interface OpenRow {
  cells: string[];
  starts: number[];
  /** The last line that went into it. */
  line: Line;
}

/**
 * Chinese and Japanese text has no spaces between words: where a line or a run of it ends and the next begins, the
 * two join without one ("海康" at a line's end, "威視" on the next, is 海康威視). Korean writes spaces, so Hangul is not
 * here; CJK punctuation and full-width forms are.
 */
const CJK = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\uff00-\\uffef]';
const CJK_END = new RegExp(`${CJK}$`, 'u');
const CJK_START = new RegExp(`^${CJK}`, 'u');
const joinsWithoutSpace = (before: string, after: string) => CJK_END.test(before) && CJK_START.test(after);
/**
 * Spaces pdf.js puts between two CJK characters from the gap between them (justified or letter-spaced text: "大 華"
 * from one run): Chinese prose has none, so they are layout, not words.
 */
const CJK_SPACE = new RegExp(`(${CJK}) +(?=${CJK})`, 'gu');

/** A gap between runs wider than this many font sizes separates table columns. */
const COLUMN_GAP = 1.5;
/** Lines further apart than this many font sizes start a new paragraph. */
const PARAGRAPH_GAP = 1.6;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loaded: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  loaded ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loaded;
}

/** Groups a page's runs into lines, in the order the page draws them (columns of text stay in reading order). */
function linesOf(runs: TextRun[]): Line[] {
  const lines: Line[] = [];
  let line: Line | null = null;
  let lastEnd = 0;
  for (const run of runs) {
    if (!run.str || !run.transform) continue;
    const [a = 0, b = 0, , d = 0, x = 0, y = 0] = run.transform;
    const size = Math.abs(d) || Math.abs(a) || run.height || 10;
    if (!run.str.trim()) continue; // spacing runs: the positions say what the gap is
    const sameLine = line !== null && Math.abs(b) < 0.01 && Math.abs(y - line.y) < size * 0.5;
    if (!sameLine) {
      line = { y, size, columns: [run.str], starts: [x] };
      lines.push(line);
    } else if (line) {
      const gap = x - lastEnd;
      const column = line.columns.length - 1;
      const current = line.columns[column]!;
      if (gap > size * COLUMN_GAP) {
        line.columns.push(run.str);
        line.starts.push(x);
      }
      // pdf.js may have ended the previous run with a space of its own: Chinese drops it too.
      else if (joinsWithoutSpace(current.trimEnd(), run.str.trimStart()))
        line.columns[column] = current.trimEnd() + run.str.trimStart();
      else if (gap > size * 0.15 && !current.endsWith(' ') && !run.str.startsWith(' ')) {
        line.columns[column] += ` ${run.str}`;
      } else line.columns[column] += run.str;
      line.size = Math.max(line.size, size);
    }
    lastEnd = x + run.width;
  }
  return lines;
}

/** Text joined across a line break: no space after a hyphen ("DS-2CD2143G2-" / "I") or between CJK characters. */
const joinLines = (before: string, after: string) =>
  before.endsWith('-') || joinsWithoutSpace(before, after) ? before + after : `${before} ${after}`;

/**
 * Whether `line` continues the open row's cells: just below it, fewer columns, and nothing in the row's first column
 * (a wrapped description or model number; the next row starts with its item number).
 */
function continuesRow(row: OpenRow, line: Line, starts: number[]): boolean {
  const gap = row.line.y - line.y;
  return (
    gap > 0 &&
    gap <= Math.max(line.size, row.line.size) * PARAGRAPH_GAP &&
    starts.length < row.cells.length &&
    row.starts.length > 1 &&
    starts[0]! >= row.starts[1]! - line.size
  );
}

/**
 * Lines into blocks: table rows alone (with the lines that continue their cells), other lines joined into paragraphs
 * while they sit close together.
 */
function pdfBlocks(lines: Line[], page: number): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  const location = `page ${page}`;
  let paragraph: string | null = null;
  let previous: Line | null = null;
  let header: string[] | null = null;
  let open: OpenRow | null = null;
  const flush = () => {
    const text = paragraph?.replace(/\s+/g, ' ').trim();
    if (text) blocks.push({ text, location });
    paragraph = null;
  };
  const closeRow = () => {
    if (!open) return;
    const { cells } = open;
    open = null;
    const row = rowBlock(
      location,
      cells.map((text, i) => ({ text, location, header: header?.length === cells.length ? header[i] : undefined })),
    );
    if (row) blocks.push(row);
    if (header === null || header.length !== cells.length) header = cells;
  };
  for (const line of lines) {
    const columns: string[] = [];
    const starts: number[] = [];
    line.columns.forEach((column, i) => {
      const text = column.replace(/\s+/g, ' ').replace(CJK_SPACE, '$1').trim();
      if (text) {
        columns.push(text);
        starts.push(line.starts[i] ?? 0);
      }
    });
    if (columns.length === 0) continue;
    if (open && continuesRow(open, line, starts)) {
      const row: OpenRow = open;
      columns.forEach((text, i) => {
        // The row's column this text starts under (the last one starting left of it, within a font size).
        let cell = 0;
        while (cell + 1 < row.starts.length && row.starts[cell + 1]! <= starts[i]! + line.size) cell++;
        row.cells[cell] = row.cells[cell] ? joinLines(row.cells[cell]!, text) : text;
      });
      row.line = line;
      previous = line;
      continue;
    }
    closeRow();
    if (columns.length > 1) {
      flush();
      open = { cells: columns, starts, line };
      previous = line;
      continue;
    }
    const text = columns[0]!;
    const gap = previous ? previous.y - line.y : 0;
    const apart = previous === null || gap < 0 || gap > Math.max(line.size, previous.size) * PARAGRAPH_GAP;
    if (apart || previous?.columns.length !== 1) {
      flush();
      header = null;
    }
    // A word broken at a hyphen ("DS-2CD2143G2-" / "I") is joined without a space; the hyphen stays. So is Chinese
    // or Japanese text wrapped at the line's end.
    paragraph = paragraph === null ? text : joinLines(paragraph, text);
    previous = line;
  }
  closeRow();
  flush();
  return blocks;
}

/** A property of something pdf.js returned (its annotation objects are not typed), if it has it. */
const property = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * What a page's annotations hold that its drawn text does not: the values typed into form fields (a supplier's
 * filled-in bid form: "Manufacturer: ..."), located "page 2, field Manufacturer", and comments and sticky notes,
 * "page 2, comment". pdf.js's text content has neither. A popup repeats its parent's comment and is left out.
 */
async function annotationBlocks(page: { getAnnotations(): Promise<unknown[]> }, n: number): Promise<DocumentBlock[]> {
  let annotations: unknown[];
  try {
    annotations = await page.getAnnotations();
  } catch {
    return [];
  }
  const blocks: DocumentBlock[] = [];
  for (const annotation of annotations) {
    const subtype = property(annotation, 'subtype');
    if (subtype === 'Widget') {
      const type = property(annotation, 'fieldType');
      if (type !== 'Tx' && type !== 'Ch') continue;
      const value = property(annotation, 'fieldValue');
      const text = oneLine(
        (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string').join(' '),
      );
      const name = property(annotation, 'fieldName');
      const label = typeof name === 'string' && oneLine(name) ? ` ${oneLine(name)}` : '';
      if (text) blocks.push({ text, location: `page ${n}, field${label}` });
    } else if (subtype !== 'Popup') {
      const contents = property(property(annotation, 'contentsObj'), 'str');
      const text = typeof contents === 'string' ? oneLine(contents) : '';
      if (text) blocks.push({ text, location: `page ${n}, comment` });
    }
  }
  return blocks;
}

/**
 * Whether an unreadable PDF looks cut short: it has objects but its last kilobyte has no end-of-file marker (an
 * interrupted download or copy). Garbage after a PDF header is only damaged.
 */
function looksTruncated(bytes: Uint8Array): boolean {
  const latin1 = new TextDecoder('latin1');
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  return !tail.includes('%%EOF') && /\d+ \d+ obj\b/.test(latin1.decode(bytes.subarray(0, 64 * 1024)));
}

function describePdfError(error: unknown, bytes?: Uint8Array): DocumentError {
  const name = errorProperty(error, 'name');
  if (name === 'PasswordException')
    return new DocumentError('encrypted (password-protected PDF); remove the password and try again');
  if (name === 'InvalidPDFException' && bytes && looksTruncated(bytes))
    return new DocumentError('truncated PDF (the file is incomplete: download or copy it again)');
  if (name === 'InvalidPDFException') return new DocumentError('corrupt or damaged PDF (not readable)');
  return new DocumentError(`cannot read this PDF (${errorMessage(error)})`);
}

/**
 * pdf.js's hook for its data files (its `BinaryDataFactory` option), answering from `data`; the CMaps it could not
 * load are kept in `missing`. pdf.js asks for a file by kind and name, and builds the factory itself.
 */
function dataFactory(data: PdfData | undefined, missing: Set<string>) {
  return class PdfDataFactory {
    async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
      // Standard fonts and image decoders: none (pdf.js goes on without them; see the top of this file).
      if (kind !== 'cMapUrl') throw new Error(`no ${kind} data here`);
      try {
        if (!data) throw new Error('no CMaps here');
        return await data(filename);
      } catch (error) {
        missing.add(filename.replace(/\.bcmap$/, ''));
        throw error;
      }
    }
  };
}

export async function readPdf(bytes: Uint8Array, options: PdfOptions): Promise<DocumentRead> {
  const { limits } = options;
  const pdfjs = await loadPdfJs();
  const missingCMaps = new Set<string>();
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    // Data files come through `options.data` only (never fetched by pdf.js itself); image decoders are not needed
    // for text.
    BinaryDataFactory: dataFactory(options.data, missingCMaps),
    useWorkerFetch: false,
    cMapPacked: true,
    useWasm: false,
  });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy();
    throw describePdfError(error, bytes);
  }
  try {
    const pages = Math.min(pdf.numPages, limits.maxPages);
    const notes: string[] = [];
    if (pdf.numPages > pages) {
      notes.push(
        `read the first ${count(pages, 'page')} of ${pdf.numPages.toLocaleString('en-GB')} (limit); the rest was not read`,
      );
    }
    const blocks: DocumentBlock[] = [];
    const textless: number[] = [];
    let chars = 0;
    let read = 0;
    let annotated = 0;
    for (let n = 1; n <= pages; n++) {
      options.onProgress?.(n - 1, pages, 'page');
      read = n;
      let page: Awaited<ReturnType<typeof pdf.getPage>>;
      let content: { items: unknown[] };
      try {
        page = await pdf.getPage(n);
        content = await page.getTextContent();
      } catch (error) {
        notes.push(`page ${n}: ${describePdfError(error).message}`);
        continue;
      }
      const pageBlocks = pdfBlocks(
        linesOf(
          content.items.filter((item): item is TextRun => typeof item === 'object' && item !== null && 'str' in item),
        ),
        n,
      );
      if (pageBlocks.length === 0) textless.push(n);
      const filledIn = await annotationBlocks(page, n);
      annotated += filledIn.length;
      pageBlocks.push(...filledIn);
      blocks.push(...pageBlocks);
      page.cleanup();
      for (const block of pageBlocks) chars += block.text.length;
      if (chars > limits.maxTextChars && n < pages) {
        notes.push(`${textCapNote(limits)} (after page ${n})`);
        break;
      }
    }
    options.onProgress?.(pages, pages, 'page');
    if (missingCMaps.size > 0) {
      const cmaps = [...missingCMaps].sort().join(', ');
      if (textless.length === read && annotated === 0)
        throw new DocumentError(`its text needs character maps that could not be loaded (${cmaps}); not read`);
      notes.push(`some text needs character maps that could not be loaded (${cmaps}) and was not read`);
    }
    if (read > 0 && textless.length === read && annotated === 0) {
      throw new DocumentError('no text layer: scanned image; run text recognition (OCR) on it and scan the result');
    }
    if (textless.length > 0 && missingCMaps.size === 0)
      notes.push(
        `${count(textless.length, 'page')} with no text layer (scanned images): ${textless.slice(0, 10).join(', ')}${textless.length > 10 ? '…' : ''}`,
      );
    return { blocks, extent: count(read, 'page'), notes };
  } finally {
    await pdf.destroy();
  }
}
