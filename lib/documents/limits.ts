/**
 * Caps that keep a hostile or absurd document from exhausting memory or time: a zip bomb stops at the decompressed
 * caps, a billion-laughs file is never expanded (the XML reader does not expand entities at all), a 10,000-page PDF is
 * read up to the page cap, a workbook up to the cell cap. Each cap reached is reported in one line, and whatever was
 * read before it is still scanned.
 */
export interface ReadLimits {
  /** Largest file read at all (bytes). */
  maxFileBytes: number;
  /** Largest decompressed size of one entry inside a ZIP-based file (bytes). */
  maxEntryBytes: number;
  /** Largest decompressed total of one pack, nested packs included (bytes). */
  maxTotalBytes: number;
  /** Most entries listed in one ZIP. */
  maxEntries: number;
  /** Packs inside packs: pack.zip/Lot 2/drawings.zip is depth 2. */
  maxDepth: number;
  /** Pages read from one PDF. */
  maxPages: number;
  /** Cells (or paragraphs) read from one office document. */
  maxCells: number;
  /**
   * Characters of text kept from one document (PDF, Word, Excel...). The other caps bound the bytes a file holds, not
   * the text it means: a 110 KB workbook whose 7,000 cells all point at one 1 MB shared string (apache/poi's
   * poc-shared-strings.xlsx) means 7 GB of text.
   */
  maxTextChars: number;
  /** Element nesting in one XML part. */
  maxXmlDepth: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 256 * 1024 * 1024,
  maxEntryBytes: 128 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntries: 10_000,
  maxDepth: 4,
  maxPages: 2_000,
  maxCells: 2_000_000,
  maxTextChars: 64 * 1024 * 1024,
  maxXmlDepth: 256,
};

const MB = 1024 * 1024;
export const megabytes = (bytes: number) => `${Math.round(bytes / MB).toLocaleString('en-GB')} MB`;
