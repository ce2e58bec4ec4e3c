/**
 * Telling the kinds of file apart by their first bytes, whatever their names say: PDF, ZIP containers, Office
 * compound files (legacy or encrypted) and text. Images and other binary files are reported as skipped: read as
 * UTF-8 they would yield "0 findings" for a file that was never really read.
 */

/** Why a file cannot be scanned, as a sentence for the summary line ("skipped: ..."). */
interface Unsupported {
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

/** Whether the bytes are a PDF: "%PDF-" within the first kilobyte (some writers put junk before it). */
export const isPdf = (bytes: Uint8Array) => contains(bytes, '%PDF-', 1024);

/** An OLE compound file: legacy .doc/.xls/.ppt, or a password-protected .docx/.xlsx, which Office wraps in one. */
export const isCompoundFile = (bytes: Uint8Array) =>
  startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const LEGACY: Record<string, [string, string]> = {
  doc: ['Word 97-2003 (.doc)', '.docx'],
  dot: ['Word 97-2003 (.dot)', '.docx'],
  xls: ['Excel 97-2003 (.xls)', '.xlsx'],
  xlt: ['Excel 97-2003 (.xlt)', '.xlsx'],
  ppt: ['PowerPoint 97-2003 (.ppt)', '.pptx'],
  pps: ['PowerPoint 97-2003 (.pps)', '.pptx'],
};

/** Why a compound file cannot be read: a password, or a legacy format to save again in its modern form. */
export function compoundFileReason(name: string, bytes: Uint8Array): string {
  // The stream names of the compound file's directory are UTF-16: "EncryptedPackage" marks Office encryption.
  const utf16 = (text: string) => [...text].flatMap((c) => [c.charCodeAt(0), 0]);
  const needle = utf16('EncryptedPackage');
  for (let i = 0; i + needle.length <= bytes.length; i++) {
    if (bytes[i] === needle[0] && startsWith(bytes, needle, i)) {
      return 'encrypted (password-protected Office file); remove the password, save it and try again';
    }
  }
  const legacy = LEGACY[name.toLowerCase().split('.').pop() ?? ''];
  if (legacy) return `${legacy[0]} is a legacy format; open it in Office or LibreOffice and save as ${legacy[1]}`;
  return 'legacy Office format (.doc, .xls or .ppt); open it in Office or LibreOffice and save as .docx, .xlsx or .pptx';
}

/**
 * The reason a file that is neither text, PDF, ZIP nor an Office compound file cannot be scanned, or null when it is
 * text. Looks at the first bytes only, so it is cheap on large files.
 */
export function unsupportedContent(bytes: Uint8Array): Unsupported | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return { type: 'PNG', reason: 'PNG images have no text to scan' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { type: 'JPEG', reason: 'JPEG images have no text to scan' };
  if (startsWith(bytes, ascii('GIF8'))) return { type: 'GIF', reason: 'GIF images have no text to scan' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) {
    return { type: 'WebP', reason: 'WebP images have no text to scan' };
  }
  if (startsWith(bytes, [0x1f, 0x8b]))
    return { type: 'gzip', reason: 'gzip files are not supported; decompress it first' };
  if (startsWith(bytes, ascii('Rar!')))
    return { type: 'RAR', reason: 'RAR archives are not supported; save the pack as .zip' };
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) {
    return { type: '7z', reason: '7z archives are not supported; save the pack as .zip' };
  }
  if (isUtf16(bytes)) return null;
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { type: 'binary', reason: 'binary file of a kind VendorWatch cannot read' };
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
