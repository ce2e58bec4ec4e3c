/**
 * Precision and recall over the labelled corpus (tests/corpus), through the same document-reading path as the
 * scan CLI. A finding counts per (file, vendor): each file's label lists vendors that must be found and vendors
 * that must not. A label may also list `mustFindEvidence`: exact matched texts (a brand such as "EZVIZ", a model
 * such as "DS-2CD2143G2-I") that must appear among the file's findings, each counted in recall like a vendor, so a
 * broken brand or model rule cannot hide behind another finding of the same vendor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOf } from '../../../lib/documents/index';
import { createEngine } from '../../../lib/engine/index';
import { loadWatchlist } from '../../../lib/watchlist/index';
import { scanText } from '../../support/scan-text';

const CORPUS = new URL('../../../tests/corpus/', import.meta.url).pathname;
const labels = JSON.parse(readFileSync(join(CORPUS, 'labels.json'), 'utf8')) as Record<
  string,
  { mustFind: string[]; mustNotFind: string[]; mustFindEvidence?: string[] }
>;
const engine = createEngine(
  loadWatchlist(JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8'))),
);

describe('corpus', () => {
  it('labels every corpus file', () => {
    const files = readdirSync(CORPUS).filter((f) => f !== 'labels.json');
    expect(files.sort()).toEqual(Object.keys(labels).sort());
  });

  it('holds precision and recall at or above 0.98', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const misses: string[] = [];
    for (const [file, label] of Object.entries(labels)) {
      const content = readFileSync(join(CORPUS, file), 'utf8');
      const rows = scanText(engine, file, formatOf(file, content), content);
      const found = new Set(rows.map((row) => row.vendor));
      const evidence = new Set(rows.map((row) => row.evidence));
      for (const vendor of label.mustFind) {
        if (found.has(vendor)) truePositives++;
        else {
          falseNegatives++;
          misses.push(`${file}: missed ${vendor}`);
        }
      }
      for (const text of label.mustFindEvidence ?? []) {
        if (evidence.has(text)) truePositives++;
        else {
          falseNegatives++;
          misses.push(`${file}: missed evidence "${text}"`);
        }
      }
      // Anything found that is not expected is a false alarm, whether or not the label names it.
      for (const vendor of found) {
        if (!label.mustFind.includes(vendor)) {
          falsePositives++;
          misses.push(`${file}: false alarm ${vendor}`);
        }
      }
      for (const vendor of label.mustNotFind) expect(found.has(vendor), `${file} must not flag ${vendor}`).toBe(false);
    }
    const precision = truePositives / (truePositives + falsePositives || 1);
    const recall = truePositives / (truePositives + falseNegatives || 1);
    console.log(
      `corpus: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${truePositives} true positives)`,
    );
    expect(misses).toEqual([]);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });
});
