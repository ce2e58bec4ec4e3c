/**
 * The one document reader the CLI and the extension share: any file (or ZIP pack of files, recursively) in, a
 * stream of per-file results out, each with its blocks and locations or a one-line reason it was skipped. What a
 * file is comes from its bytes; its name only picks the wording ("save as .docx" for a .doc).
 */

import { errorMessage } from '../error-message';
import { compoundFileReason, decodeText, isCompoundFile, isPdf, unsupportedContent } from './binary';
import { count, type DocumentBlock, DocumentError, type DocumentRead, type ProgressListener } from './blocks';
import { documentBlocks, formatOf } from './index';
import { DEFAULT_LIMITS, megabytes, type ReadLimits } from './limits';
import { odfKind, readOdf } from './odf';
import { readDocx, readPptx, readXlsx, type ZipDocument } from './ooxml';
import { type PdfData, readPdf } from './pdf';
import { type Budget, isZip, listZip, readEntry, type ZipEntry } from './zip';

/** The result for one file: its blocks, or why it was skipped. A pack yields one per file inside, then its own. */
export interface FileRead {
  /** "pack.zip/Lot 2/spec.pdf" for a file inside a pack. */
  file: string;
  /** "PDF", "Word", "Excel", "ZIP pack", "HTML"... */
  type: string;
  read?: DocumentRead;
  skipped?: string;
}

export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  /** Progress within the file being read (pages of a PDF, sheets of a workbook). */
  onProgress?: (file: string, done: number, total: number, unit: string) => void;
  /** pdf.js's CMaps, for PDFs in Chinese, Japanese or Korean (see pdf.ts). */
  pdfData?: PdfData;
}

/** Extensions of the files read inside a pack; anything else in it (images, drawings) is counted and left. */
export const READ_EXTENSIONS = new Set([
  'html',
  'htm',
  'xhtml',
  'txt',
  'text',
  'md',
  'csv',
  'tsv',
  'json',
  'rtf',
  'pdf',
  'docx',
  'docm',
  'xlsx',
  'xlsm',
  'xlsb',
  'pptm',
  'pptx',
  'odt',
  'ods',
  'odp',
  'zip',
  'doc',
  'xls',
  'ppt',
]);

const extension = (name: string) => /\.([^./]+)$/.exec(name.toLowerCase())?.[1] ?? '';

/** Entries no person put in a pack: macOS resource forks, Finder and Explorer litter. */
const isLitter = (name: string) =>
  /(^|\/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)(\/|$)/i.test(name) || /(^|\/)\._/.test(name);

export async function* readDocument(
  file: string,
  bytes: Uint8Array,
  options: ReadOptions = {},
): AsyncGenerator<FileRead> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  yield* readAny(file, bytes, limits, options, { remaining: limits.maxTotalBytes }, 0);
}

async function* readAny(
  file: string,
  bytes: Uint8Array,
  limits: ReadLimits,
  options: ReadOptions,
  budget: Budget,
  depth: number,
): AsyncGenerator<FileRead> {
  const onProgress: ProgressListener | undefined = options.onProgress
    ? (done, total, unit) => options.onProgress!(file, done, total, unit)
    : undefined;
  if (bytes.length > limits.maxFileBytes) {
    yield { file, type: 'file', skipped: `larger than ${megabytes(limits.maxFileBytes)}; not read` };
    return;
  }
  try {
    if (isPdf(bytes)) {
      yield { file, type: 'PDF', read: await readPdf(bytes, { limits, onProgress, data: options.pdfData }) };
      return;
    }
    if (isCompoundFile(bytes)) {
      yield { file, type: 'Office', skipped: compoundFileReason(file, bytes) };
      return;
    }
    if (isZip(bytes)) {
      const entries = listZip(bytes, limits);
      const doc: ZipDocument = { bytes, entries: indexOf(entries), limits, budget, onProgress };
      const office = officeType(doc);
      if (office) {
        yield { file, type: office.type, read: office.read() };
        return;
      }
      const unread = unreadContainer(file, doc);
      if (unread) {
        yield { file, ...unread };
        return;
      }
      yield* readPack(file, bytes, entries, limits, options, budget, depth);
      return;
    }
    // A name that promises a binary format whose bytes are not that format is damaged or renamed: say so rather
    // than read its bytes as text and report "no findings" for a document nobody actually read.
    const promised = TYPES[extension(file)];
    if (promised) {
      yield { file, type: promised, skipped: `not a valid ${promised} file (damaged, or not what its name says)` };
      return;
    }
    const unsupported = unsupportedContent(bytes);
    if (unsupported) {
      yield { file, type: unsupported.type, skipped: unsupported.reason };
      return;
    }
    const content = decodeText(bytes);
    const format = formatOf(file, content);
    let blocks: DocumentBlock[];
    try {
      blocks = documentBlocks(format, content);
    } catch (error) {
      yield { file, type: format.toUpperCase(), skipped: `cannot parse as ${format}: ${errorMessage(error)}` };
      return;
    }
    const lines = content.split('\n').length;
    yield {
      file,
      type: format.toUpperCase(),
      read: { blocks, extent: format === 'csv' ? count(blocks.length, 'row') : count(lines, 'line'), notes: [] },
    };
  } catch (error) {
    yield {
      file,
      type: typeOf(file),
      skipped: error instanceof DocumentError ? error.message : `cannot read: ${errorMessage(error)}`,
    };
  }
}

/**
 * An office container's parts by name. Part names are case-insensitive (OPC, ISO 29500-2 §6.2.2.3), and some writers
 * put Windows separators in them ("xl\\worksheets\\sheet1.xml", apache/poi's 49609.xlsx, which Excel opens): every
 * name is looked up as a lower-case path with forward slashes.
 */
class Parts extends Map<string, ZipEntry> {
  static key = (name: string) => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
  override get(name: string) {
    return super.get(Parts.key(name));
  }
  override has(name: string) {
    return super.has(Parts.key(name));
  }
}

function indexOf(entries: ZipEntry[]): Map<string, ZipEntry> {
  const parts = new Parts();
  for (const entry of entries) {
    const key = Parts.key(entry.name);
    if (!parts.has(key)) parts.set(key, entry);
  }
  return parts;
}

const TYPES: Record<string, string> = {
  pdf: 'PDF',
  docx: 'Word',
  docm: 'Word',
  xlsx: 'Excel',
  xlsm: 'Excel',
  xlsb: 'Excel',
  pptx: 'PowerPoint',
  pptm: 'PowerPoint',
  odt: 'OpenDocument text',
  ods: 'OpenDocument spreadsheet',
  odp: 'OpenDocument presentation',
  zip: 'ZIP pack',
};
const typeOf = (file: string) => TYPES[extension(file)] ?? 'file';

/** The office format a ZIP container holds, by its parts, or null for a plain pack. */
function officeType(doc: ZipDocument): { type: string; read: () => DocumentRead } | null {
  if (doc.entries.has('word/document.xml')) return { type: 'Word', read: () => readDocx(doc) };
  if (doc.entries.has('xl/workbook.xml')) return { type: 'Excel', read: () => readXlsx(doc) };
  if (doc.entries.has('ppt/presentation.xml')) return { type: 'PowerPoint', read: () => readPptx(doc) };
  const mimetype = doc.entries.get('mimetype');
  if (mimetype && doc.entries.has('content.xml')) {
    const kind = odfKind(new TextDecoder().decode(readEntry(doc.bytes, mimetype, doc.limits, doc.budget)));
    if (kind) return { type: `OpenDocument ${kind}`, read: () => readOdf(doc, kind) };
  }
  return null;
}

/**
 * Why a ZIP container that is no office document we read is not read as a pack either: an Excel binary workbook, or a
 * file whose name promises an office document whose main part is missing (a pack of its other parts would read
 * "0 entries", as if the document were empty).
 */
function unreadContainer(file: string, doc: ZipDocument): { type: string; skipped: string } | null {
  if (doc.entries.has('xl/workbook.bin')) {
    return {
      type: 'Excel',
      skipped: 'Excel binary workbook (.xlsb) is not supported; open it in Excel or LibreOffice and save as .xlsx',
    };
  }
  const promised = TYPES[extension(file)];
  if (promised && promised !== 'ZIP pack')
    return { type: promised, skipped: `not a valid ${promised} file (its main part is missing)` };
  return null;
}

async function* readPack(
  file: string,
  bytes: Uint8Array,
  entries: ZipEntry[],
  limits: ReadLimits,
  options: ReadOptions,
  budget: Budget,
  depth: number,
): AsyncGenerator<FileRead> {
  if (depth >= limits.maxDepth) {
    yield { file, type: 'ZIP pack', skipped: `packs nested more than ${limits.maxDepth} deep; not read` };
    return;
  }
  const files = entries.filter((entry) => !entry.name.endsWith('/') && !isLitter(entry.name));
  const wanted = files.filter((entry) => READ_EXTENSIONS.has(extension(entry.name)));
  const notes: string[] = [];
  let read = 0;
  let skipped = 0;
  for (const [index, entry] of wanted.entries()) {
    options.onProgress?.(file, index, wanted.length, 'entry');
    const name = `${file}/${entry.name}`;
    let inner: Uint8Array;
    try {
      inner = readEntry(bytes, entry, limits, budget);
    } catch (error) {
      skipped++;
      yield {
        file: name,
        type: typeOf(name),
        skipped: error instanceof DocumentError ? error.message : `cannot read: ${errorMessage(error)}`,
      };
      if (budget.remaining < 0) {
        notes.push('stopped: the pack decompresses to more than the limit; the rest was not read');
        break;
      }
      continue;
    }
    for await (const result of readAny(name, inner, limits, options, budget, depth + 1)) {
      if (result.file === name) result.skipped ? skipped++ : read++;
      yield result;
    }
  }
  const ignored = files.length - wanted.length;
  if (ignored > 0) notes.push(`${count(ignored, 'other file')} (images, drawings...) not read`);
  yield {
    file,
    type: 'ZIP pack',
    read: {
      blocks: [],
      extent: `${count(read, 'entry', 'entries')} read${skipped ? `, ${skipped} skipped` : ''}`,
      notes,
    },
  };
}
