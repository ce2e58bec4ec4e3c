/**
 * How block text and findings travel between the content script and the background. Kept apart from the matcher
 * so the content script can use it without loading the engine, the list or the schema.
 */

/**
 * Block texts travel to the background as one string, split at NUL: the browser serialises one long string far
 * more cheaply than thousands of short ones, on the page's main thread. NUL never occurs in text a person reads;
 * any that does is sent as a space, which keeps every offset.
 */
const SEPARATOR = '\u0000';

export function packTexts(texts: readonly string[]): string {
  const packed = texts.join(SEPARATOR);
  // Counting the separators in the one string is cheaper than looking into thousands of texts: only when a text
  // brought a NUL of its own are the texts cleaned first.
  let separators = 0;
  for (let at = packed.indexOf(SEPARATOR); at !== -1; at = packed.indexOf(SEPARATOR, at + 1)) separators++;
  if (separators <= texts.length - 1) return packed;
  return texts.map((text) => text.replaceAll(SEPARATOR, ' ')).join(SEPARATOR);
}

export function unpackTexts(packed: string): string[] {
  return packed.length === 0 ? [] : packed.split(SEPARATOR);
}

/** Findings of the blocks that have any, by block index: most blocks have none, and need no reply. */
export type SparseMatches<T> = Array<[index: number, matches: T[]]>;

/** The findings per block, `undefined` for blocks without any (a sparse array: no allocation per block). */
export function unpackMatches<T>(hits: SparseMatches<T>, count: number): Array<T[] | undefined> {
  const all = new Array<T[] | undefined>(count);
  for (const [index, matches] of hits) if (Number.isInteger(index) && index >= 0 && index < count) all[index] = matches;
  return all;
}

/**
 * Text sent for matching per message. Sending a message serialises it on the page's main thread, in one task: a
 * 256 KB string took 11 to 23 ms (issue 17); 32 KB takes a few, and the reading budget yields between them.
 */
const MATCH_CHUNK_CHARS = 32 * 1024;

/**
 * Cuts texts into runs of at most `maxChars` characters (a longer text travels alone), keeping each run's offset, so
 * matching can start on the first while the page still packs the next.
 */
export function chunkTexts(
  texts: readonly string[],
  maxChars = MATCH_CHUNK_CHARS,
): Array<{ offset: number; texts: string[] }> {
  const chunks: Array<{ offset: number; texts: string[] }> = [];
  let size = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    const last = chunks[chunks.length - 1];
    if (!last || size + text.length > maxChars) {
      chunks.push({ offset: i, texts: [text] });
      size = text.length;
    } else {
      last.texts.push(text);
      size += text.length;
    }
  }
  return chunks;
}
