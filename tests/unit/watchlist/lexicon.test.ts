/**
 * The negative lexicon (data/lexicon): large, from public sources named in each file, and harmless. No entry (a
 * dictionary word, another company's name, a surname) yields a finding at any sensitivity, except the entries that
 * are a listed vendor or its brand themselves (data/lexicon/own-names.yaml), and those only by their exact name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createEngine, type Sensitivity } from '../../../lib/engine/index';
import { loadWatchlist } from '../../../lib/watchlist/index';
import { lexiconEntries, lexiconHeaderProblem } from '../../../scripts/lib/lexicon';

const dir = new URL('../../../data/lexicon/', import.meta.url);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ file: name, text: readFileSync(new URL(name, dir), 'utf8') }));
const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const ownNames = parse(readFileSync(new URL('own-names.yaml', dir), 'utf8')) as Record<string, string[]>;
const ownerOf = new Map(Object.entries(ownNames).flatMap(([vendor, entries]) => entries.map((e) => [e, vendor])));
const entries = [...new Set(files.flatMap((f) => lexiconEntries(f.text)))];

describe('the negative lexicon', () => {
  it('names its origin and entry count in every file', () => {
    for (const file of files) expect(lexiconHeaderProblem(file), file.file).toBeUndefined();
  });

  it('holds at least 20,000 company and brand names, besides dictionary words and surnames', () => {
    const companies = files.filter((f) => f.file.startsWith('companies-')).flatMap((f) => lexiconEntries(f.text));
    expect(companies.length).toBeGreaterThanOrEqual(20_000);
    expect(entries.length).toBeGreaterThan(500_000);
  });

  it('lists as own names only entries that are in it, under vendors that exist', () => {
    const all = new Set(entries);
    for (const [entry, vendor] of ownerOf) {
      expect(all.has(entry), entry).toBe(true);
      expect(
        list.vendors.some((v) => v.id === vendor),
        vendor,
      ).toBe(true);
    }
  });

  it('is what the bundled list excludes from fuzzy matching (words one slip from a listed name)', () => {
    expect(list.fuzzyExclusions).toContain('hivision'); // a camera company, one letter from Hikvision
    expect(list.fuzzyExclusions).toContain('kasperski'); // a surname
    const words = new Set(entries.map((e) => e.toLowerCase()));
    for (const word of list.fuzzyExclusions ?? [])
      expect(words.has(word) || entries.some((e) => e.toLowerCase().includes(word))).toBe(true);
  });

  it.each(['strict', 'balanced', 'broad'] satisfies Sensitivity[])(
    "yields no finding at %s sensitivity, but for the vendors' own names, found exactly",
    (sensitivity) => {
      const engine = createEngine(list, { sensitivity });
      const wrong: string[] = [];
      for (const entry of entries) {
        const findings = engine.scanText(entry);
        if (findings.length === 0) continue;
        const owner = ownerOf.get(entry);
        for (const f of findings) {
          if (f.vendorId !== owner || (f.kind !== 'name' && f.kind !== 'brand')) {
            wrong.push(`${entry} -> ${f.vendorId} ${f.kind} "${f.evidence}"`);
          }
        }
      }
      expect(wrong).toEqual([]);
    },
    120_000,
  );
});
