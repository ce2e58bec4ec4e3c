/**
 * A ZIP reader that trusts nothing in the archive: entries are listed from the central directory, and each one is
 * inflated in small slices (fflate's streaming Inflate) while the bytes it really produces are counted, so a zip
 * bomb stops at the cap however small its headers claim it is, and memory stays bounded by the caps. Used for ZIP
 * packs and for the ZIP containers of .docx, .xlsx, .pptx, .odt, .ods and .odp.
 */
import { Inflate } from 'fflate';
import { errorMessage, errorProperty } from '../error-message';
import { DocumentError } from './blocks';
import { megabytes, type ReadLimits } from './limits';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused when read. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** Where the entry's local header starts. */
  headerOffset: number;
}

/** The decompressed bytes a whole pack may still produce (shared by nested packs and office files inside it). */
export interface Budget {
  remaining: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes pushed at a time: deflate expands at most ~1,032:1, so one slice yields at most ~4 MB. */
const SLICE = 4096;

const names = new TextDecoder('utf-8');

export const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);

/** The entries of a ZIP file, in central-directory order. */
export function listZip(bytes: Uint8Array, limits: ReadLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new DocumentError('corrupt or truncated ZIP archive (no central directory)');
  const total = view.getUint16(end + 10, true);
  const offset = view.getUint32(end + 16, true);
  if (total === 0xffff || offset === 0xffffffff)
    throw new DocumentError('ZIP64 archives (over 4 GB) are not supported');
  if (total > limits.maxEntries) {
    throw new DocumentError(
      `too many entries (${total.toLocaleString('en-GB')}; the limit is ${limits.maxEntries.toLocaleString('en-GB')})`,
    );
  }
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < total; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) {
      throw new DocumentError('corrupt ZIP archive (damaged central directory)');
    }
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    entries.push({
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      encrypted: (view.getUint16(at + 8, true) & 1) === 1,
      compressedSize: view.getUint32(at + 20, true),
      headerOffset: view.getUint32(at + 42, true),
    });
    at += 46 + skip;
  }
  return entries;
}

/**
 * Inflates one entry, handing each decompressed chunk to `onChunk` as it comes, and stops with a DocumentError at
 * the per-entry cap or when the pack's budget runs out. Returns the decompressed size.
 */
export function streamEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: ReadLimits,
  budget: Budget,
  onChunk: (chunk: Uint8Array) => void,
): number {
  if (entry.encrypted) throw new DocumentError('encrypted (password-protected); remove the password and try again');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.headerOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw new DocumentError('corrupt ZIP entry');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > bytes.length)
    throw new DocumentError('truncated ZIP entry (the file is incomplete)');
  let produced = 0;
  const take = (chunk: Uint8Array) => {
    produced += chunk.length;
    budget.remaining -= chunk.length;
    if (produced > limits.maxEntryBytes) {
      throw new DocumentError(`decompresses to more than ${megabytes(limits.maxEntryBytes)} (zip bomb?); not read`);
    }
    if (budget.remaining < 0) {
      throw new DocumentError(
        `the pack decompresses to more than ${megabytes(limits.maxTotalBytes)} (zip bomb?); not read`,
      );
    }
    onChunk(chunk);
  };
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += SLICE * 64) take(data.subarray(i, i + SLICE * 64));
    return produced;
  }
  if (entry.method !== 8) throw new DocumentError(`ZIP compression method ${entry.method} is not supported`);
  const inflate = new Inflate((chunk) => take(chunk));
  try {
    for (let i = 0; i < data.length; i += SLICE) inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (error) {
    // fflate's own errors carry a numeric code; anything else came from `onChunk` (a cap, a parse error) and stands.
    if (typeof errorProperty(error, 'code') !== 'number') throw error;
    throw new DocumentError(`corrupt ZIP entry (${errorMessage(error)})`);
  }
  return produced;
}

/** One entry's bytes, whole (for parts that must be held: a nested file, a shared-strings table). */
export function readEntry(bytes: Uint8Array, entry: ZipEntry, limits: ReadLimits, budget: Budget): Uint8Array {
  const chunks: Uint8Array[] = [];
  const size = streamEntry(bytes, entry, limits, budget, (chunk) => chunks.push(chunk));
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
