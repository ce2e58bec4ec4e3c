/**
 * Scans a whole document block by block: the shared core of the CLI, the extension's documents page and the tests.
 * Two passes: first the makers the document names anywhere, then each block with its context: the makers named in
 * the document, and for a row block its cells under their column headers ("Manufacturer: Quectel"), so a code that
 * other makers share (EC25-E) meets its maker (see BlockContext in lib/engine/index.ts).
 */
import type { BlockContext, Engine, FindingKind, Verdict } from '../engine/index';
import { type DocumentBlock, locationAt } from './blocks';

/** One row of `npm run scan` output (the contract in DESIGN.md). */
export interface ScanRow {
  file: string;
  /** Where in the file: "page 4", "Sheet1!B12", "paragraph 31", "slide 3", "line 12". */
  location: string;
  vendor: string;
  vendorName: string;
  evidence: string;
  kind: FindingKind;
  confidence: number;
  verdict: Verdict;
  /** e.g. "HiLook: brand" when the match was a brand. */
  brand: string;
  measures: string[];
  /** Index of the text block (row, cell, paragraph) the finding came from. */
  block: number;
}

export function scanBlocks(engine: Engine, file: string, blocks: readonly DocumentBlock[]): ScanRow[] {
  const rows: ScanRow[] = [];
  const page = new Set<string>();
  const placeNames = new Set<string>();
  for (const block of blocks) {
    // One after the other, so the second reads the engine's cache of the first.
    for (const id of engine.namedIn(block.text)) page.add(id);
    for (const id of engine.namesAsPlaces(block.text)) placeNames.add(id);
  }
  blocks.forEach((block, index) => {
    for (const finding of engine.scanText(block.text, { ...blockContext(block), page, placeNames })) {
      rows.push({
        file,
        location: locationAt(block, finding.start),
        vendor: finding.vendorId,
        vendorName: finding.vendorName,
        evidence: finding.evidence,
        kind: finding.kind,
        confidence: finding.confidence,
        verdict: finding.verdict,
        brand: finding.brand ? `${finding.brand.name}: ${finding.brand.relationship}` : '',
        measures: finding.measures,
        block: index,
      });
    }
  });
  return rows;
}

/**
 * What a block's own structure says to the engine: a row's cells under their headers, or a table cell's context
 * from its reader. The Check documents page sends the same with its blocks, so it finds what the CLI finds.
 */
export const blockContext = (block: DocumentBlock): BlockContext => ({ ...rowContext(block), ...block.context });

/** A row block's cells, each with its column header, as the engine's item context. */
function rowContext(block: DocumentBlock): BlockContext {
  const cells = block.cells;
  if (!cells || cells.length < 2 || !cells.some((cell) => cell.header)) return {};
  const item = cells.map((cell, i) => {
    const end = i + 1 < cells.length ? cells[i + 1]!.start : block.text.length;
    const text = block.text
      .slice(cell.start, end)
      .replace(/\s*\|\s*$/, '')
      .trim();
    return cell.header ? { text, header: cell.header } : { text };
  });
  return { item: item.filter((cell) => cell.text !== '') };
}
