/**
 * The accuracy set is well formed: every file is labelled and says where it came from, every labelled text is really
 * on the page as the scan CLI reads it, and every model number names its maker and source. (The thresholds the engine
 * must reach on the set are held in accuracy.test.ts.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundledWatchlist, readSet } from '../../accuracy/evaluate';
import { loadLabels, loadModels, PENDING_VENDORS, SET_DIR } from '../../accuracy/labels';

const labels = loadLabels();
const documents = readSet(labels);
const list = loadBundledWatchlist();
const vendorIds = new Set([...list.vendors.map((v) => v.id), ...PENDING_VENDORS]);
const collapse = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(SET_DIR, path)];
  });
}

describe('accuracy set', () => {
  it('labels every page and document in the set, and nothing else', () => {
    const files = filesUnder(SET_DIR).filter((f) => f !== 'labels.json' && f !== 'models.csv');
    expect(files.sort()).toEqual(Object.keys(labels).sort());
  });

  it('gives every file its public origin in a header', () => {
    for (const file of Object.keys(labels)) {
      const head = readFileSync(join(SET_DIR, file), 'utf8').slice(0, 600);
      expect(head, file).toMatch(/origin: (https?:\/\/\S+|[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}:\S+)/);
    }
  });

  it('labels only texts that are on the page as the scan CLI reads it, for vendors in the watchlist', () => {
    for (const { file, label, blocks } of documents) {
      const text = collapse(blocks.join('\n'));
      for (const expectation of label.expect) {
        expect(vendorIds.has(expectation.vendor), `${file}: unknown vendor ${expectation.vendor}`).toBe(true);
        expect(
          text.includes(collapse(expectation.evidence)),
          `${file}: "${expectation.evidence}" not on the page`,
        ).toBe(true);
      }
      for (const trap of label.mustNotFlag) {
        expect(text.includes(collapse(trap)), `${file}: "${trap}" not on the page`).toBe(true);
      }
    }
  });

  it('lists real model numbers with maker, listed vendor id and source', () => {
    const models = loadModels();
    expect(models.length).toBeGreaterThan(0);
    for (const entry of models) {
      if (entry.vendor)
        expect(vendorIds.has(entry.vendor), `${entry.model}: unknown vendor ${entry.vendor}`).toBe(true);
      expect(entry.source, entry.model).toMatch(/^(https?:\/\/|[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}:)/);
    }
  });
});
