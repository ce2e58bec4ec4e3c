/**
 * Telling text from binary before scanning. A PDF or a Word file read as UTF-8 yields no words the engine can match,
 * so scanning it would report "0 findings" for a document that may well name a restricted vendor. Such files are
 * recognised by their magic bytes (or NUL bytes) and reported as skipped instead.
 */

/** Why a file cannot be scanned, as a sentence for the summary line ("skipped: ..."). */
export interface Unsupported {
  /** Short name of the file type, e.g. "PDF", "DOCX". */
  type: string;
  reason: string;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Whether `needle` occurs (as ASCII bytes) in the first `limit` bytes. */
function contains(bytes: Uint8Array, needle: string, limit = 64 * 1024): boolean {
  const pattern = ascii(needle);
  const end = Math.min(bytes.length, limit) - pattern.length;
  for (let i = 0; i <= end; i++) {
    if (bytes[i] === pattern[0] && startsWith(bytes, pattern, i)) return true;
  }
  return false;
}

const saveAs = (type: string, what: string, advice: string): Unsupported => ({
  type,
  reason: `${type} ${what} not supported yet; ${advice}`,
});

/** Recognises a ZIP container by what it holds: Office Open XML, OpenDocument or a plain archive. */
function zipKind(bytes: Uint8Array): Unsupported {
  if (contains(bytes, 'word/')) return saveAs('DOCX', 'files are', 'save the document as HTML or text');
  if (contains(bytes, 'xl/')) return saveAs('XLSX', 'files are', 'save the sheet as CSV');
  if (contains(bytes, 'ppt/')) return saveAs('PPTX', 'files are', 'save the presentation as HTML or text');
  if (contains(bytes, 'application/vnd.oasis.opendocument')) {
    return saveAs('OpenDocument', 'files are', 'save the document as HTML, text or CSV');
  }
  return saveAs('ZIP', 'archives are', 'unpack it and scan the folder');
}

/**
 * The reason a file cannot be scanned as HTML, text, CSV or JSON, or null when it is text. Looks at the first bytes
 * only, so it is cheap on large files.
 */
export function unsupportedContent(bytes: Uint8Array): Unsupported | null {
  if (startsWith(bytes, ascii('%PDF-'))) return saveAs('PDF', 'files are', 'save the document as HTML or text');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return zipKind(bytes);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return saveAs('DOC/XLS', '(legacy Office) files are', 'save the document as HTML or text, or the sheet as CSV');
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return { type: 'PNG', reason: 'PNG images have no text to scan' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { type: 'JPEG', reason: 'JPEG images have no text to scan' };
  if (startsWith(bytes, ascii('GIF8'))) return { type: 'GIF', reason: 'GIF images have no text to scan' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) {
    return { type: 'WebP', reason: 'WebP images have no text to scan' };
  }
  if (startsWith(bytes, [0x1f, 0x8b])) return saveAs('gzip', 'files are', 'decompress it first');
  if (startsWith(bytes, ascii('Rar!'))) return saveAs('RAR', 'archives are', 'unpack it and scan the folder');
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) {
    return saveAs('7z', 'archives are', 'unpack it and scan the folder');
  }
  if (isUtf16(bytes)) return null;
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) {
    return { type: 'binary', reason: 'binary file (not HTML, text, CSV or JSON); save the document as HTML or text' };
  }
  return null;
}

const isUtf16 = (bytes: Uint8Array) => startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);

/**
 * Decodes a text file: UTF-8 (byte-order mark dropped) or, with a byte-order mark, UTF-16 (Excel's "Unicode text"
 * export, Notepad's "Unicode").
 */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}
