/** Scans a whole document block by block: the shared core of the CLI and the corpus tests. */
import type { Engine, FindingKind, Verdict } from '../engine/index';
import { type DocumentFormat, documentBlocks } from './index';

/** One row of `npm run scan` output (the contract in DESIGN.md). */
export interface ScanRow {
  file: string;
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

export function scanDocument(engine: Engine, file: string, format: DocumentFormat, content: string): ScanRow[] {
  const rows: ScanRow[] = [];
  documentBlocks(format, content).forEach((text, block) => {
    for (const finding of engine.scanText(text)) {
      rows.push({
        file,
        vendor: finding.vendorId,
        vendorName: finding.vendorName,
        evidence: finding.evidence,
        kind: finding.kind,
        confidence: finding.confidence,
        verdict: finding.verdict,
        brand: finding.brand ? `${finding.brand.name}: ${finding.brand.relationship}` : '',
        measures: finding.measures,
        block,
      });
    }
  });
  return rows;
}
