/**
 * Scores the engine on the accuracy set through the scan CLI's own reading path (lib/documents: decode, format,
 * blocks, scanText) at each sensitivity. Shared by `npm run bench:accuracy` and the threshold tests.
 *
 * - Vendor precision and recall count (file, vendor) pairs: a vendor is expected in a file when one of its labelled
 *   findings is required at that sensitivity, allowed when any is labelled; a vendor found but not allowed is a
 *   false flag.
 * - Evidence recall: each required finding must be reported for its vendor on the labelled text (see sameText).
 * - Must-not-flag: a string is hit when a finding's text overlaps it in the same block.
 * - Models: each model number scanned alone, as a one-line text document; a listed maker's model counts when its
 *   vendor is found, any other maker's model is a false flag when anything is found.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText } from '../../lib/documents/binary';
import { documentBlocks, formatOf } from '../../lib/documents/index';
import type { ScanRow } from '../../lib/documents/scan';
import { createEngine, type Engine } from '../../lib/engine/index';
import { loadWatchlist, type Watchlist } from '../../lib/watchlist/index';
import { applicableMeasures } from '../../lib/watchlist/measures';
import { scanText } from '../support/scan-text';
import {
  type Expectation,
  type FileLabel,
  type LabelSensitivity,
  loadLabels,
  loadModels,
  type ModelEntry,
  SENSITIVITIES,
  SET_DIR,
} from './labels';

const RANK: Record<LabelSensitivity, number> = { strict: 0, balanced: 1, broad: 2 };

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  evidenceExpected: number;
  evidenceFound: number;
  verdictChecked: number;
  verdictAgreed: number;
  trapsChecked: number;
  trapsHit: number;
}

export const emptyCounts = (): Counts => ({
  truePositives: 0,
  falsePositives: 0,
  falseNegatives: 0,
  evidenceExpected: 0,
  evidenceFound: 0,
  verdictChecked: 0,
  verdictAgreed: 0,
  trapsChecked: 0,
  trapsHit: 0,
});

export const precision = (c: Counts) => c.truePositives / (c.truePositives + c.falsePositives || 1);
export const recall = (c: Counts) => c.truePositives / (c.truePositives + c.falseNegatives || 1);
export const evidenceRecall = (c: Counts) => c.evidenceFound / (c.evidenceExpected || 1);

/** One thing the engine got wrong, for the notes: what, where, and the block it was in. */
export interface Problem {
  type: 'missed-vendor' | 'missed-evidence' | 'false-flag' | 'trap-hit' | 'wrong-verdict';
  sensitivity: LabelSensitivity;
  file: string;
  vendor: string;
  text: string;
  detail?: string;
}

export interface PageResult {
  bySensitivity: Record<LabelSensitivity, { total: Counts; byCategory: Record<string, Counts> }>;
  problems: Problem[];
}

export interface ModelResult {
  bySensitivity: Record<
    LabelSensitivity,
    {
      listed: { total: number; found: number };
      others: { total: number; flagged: number };
      byMaker: Record<string, { vendor: string; total: number; hits: number }>;
    }
  >;
  misses: Array<{ sensitivity: LabelSensitivity; entry: ModelEntry; got: string }>;
}

export function loadBundledWatchlist(): Watchlist {
  return loadWatchlist(JSON.parse(readFileSync(new URL('../../public/watchlist.json', import.meta.url), 'utf8')));
}

const collapse = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

/**
 * Whether a finding flagged the labelled text. A model number must be flagged exactly (an export that lists
 * "DS-2CD2143G2" for "DS-2CD2143G2-I/SL" names another product); a name may be flagged in full or in part
 * ("Zhejiang Dahua" in "Zhejiang Dahua Vision Technology Co., Ltd.") but not as something longer than what the page
 * says about the vendor.
 */
function sameText(expectation: Expectation, evidence: string): boolean {
  const wanted = collapse(expectation.evidence).toLowerCase();
  const got = collapse(evidence).toLowerCase();
  if (expectation.kind === 'model') return got === wanted;
  return got !== '' && wanted.includes(got);
}

/** The lowest sensitivity at which a labelled finding is required. */
function requiredFrom(expectation: Expectation, unmeasured: ReadonlySet<string>): LabelSensitivity {
  // A vendor no measure applies to is only ever a possible match at broad (the engine's policy, see lib/engine).
  if (unmeasured.has(expectation.vendor)) return 'broad';
  if (expectation.from) return expectation.from;
  return expectation.kind === 'name' || expectation.kind === 'brand' ? 'strict' : 'balanced';
}

function occurrences(haystack: string, needle: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!needle) return spans;
  const lowerHay = haystack.toLowerCase();
  const lowerNeedle = needle.toLowerCase();
  for (let at = lowerHay.indexOf(lowerNeedle); at !== -1; at = lowerHay.indexOf(lowerNeedle, at + 1)) {
    spans.push([at, at + needle.length]);
  }
  return spans;
}

/** Whether a finding's text overlaps the trap string within the block the finding came from. */
function touches(rawBlock: string, evidence: string, trap: string): boolean {
  const block = collapse(rawBlock);
  const traps = occurrences(block, collapse(trap));
  if (traps.length === 0) return false;
  return occurrences(block, collapse(evidence)).some(([s, e]) => traps.some(([ts, te]) => s < te && ts < e));
}

/**
 * Text and CSV files open with `#` lines naming their origin; they are not page content, so they are blanked (line
 * numbers kept) before scanning. HTML files carry their origin in a comment, which the reader skips anyway.
 */
function withoutProvenance(content: string, format: string): string {
  if (format !== 'text' && format !== 'csv') return content;
  const lines = content.split('\n');
  for (let i = 0; i < lines.length && lines[i]!.startsWith('#'); i++) lines[i] = '';
  return lines.join('\n');
}

export interface ReadDocument {
  file: string;
  label: FileLabel;
  blocks: string[];
  scan(engine: Engine): ScanRow[];
}

/** Reads every labelled file the way the scan CLI does. */
export function readSet(labels: Record<string, FileLabel> = loadLabels()): ReadDocument[] {
  return Object.entries(labels).map(([file, label]) => {
    const raw = decodeText(readFileSync(join(SET_DIR, file)));
    const format = formatOf(file, raw);
    const content = withoutProvenance(raw, format);
    return {
      file,
      label,
      blocks: documentBlocks(format, content).map((block) => block.text),
      scan: (engine: Engine) => scanText(engine, file, format, content),
    };
  });
}

export const enginesFor = (list: Watchlist): Record<LabelSensitivity, Engine> => ({
  strict: createEngine(list, { sensitivity: 'strict' }),
  balanced: createEngine(list, { sensitivity: 'balanced' }),
  broad: createEngine(list, { sensitivity: 'broad' }),
});

/** Vendors with no measure in the list (shown only as possible matches, and only at broad). */
export const unmeasuredVendors = (list: Watchlist): Set<string> =>
  new Set(list.vendors.filter((v) => applicableMeasures(list, v).length === 0).map((v) => v.id));

function add(into: Counts, from: Counts) {
  for (const key of Object.keys(into) as Array<keyof Counts>) into[key] += from[key];
}

export function evaluatePages(documents: ReadDocument[], list: Watchlist): PageResult {
  const engines = enginesFor(list);
  const unmeasured = unmeasuredVendors(list);
  const known = new Set(list.vendors.map((v) => v.id));
  const problems: Problem[] = [];
  const bySensitivity = {} as PageResult['bySensitivity'];
  for (const sensitivity of SENSITIVITIES) {
    const total = emptyCounts();
    const byCategory: Record<string, Counts> = {};
    for (const document of documents) {
      const { file, label } = document;
      const counts = emptyCounts();
      const rows = document.scan(engines[sensitivity]);
      // Labels of a vendor the list does not have yet (PENDING_VENDORS) count once it does.
      const labelled = label.expect.filter((e) => known.has(e.vendor));
      const required = labelled.filter((e) => RANK[requiredFrom(e, unmeasured)] <= RANK[sensitivity]);
      const expectedVendors = new Set(required.map((e) => e.vendor));
      const allowedVendors = new Set(labelled.map((e) => e.vendor));
      const foundVendors = new Set(rows.map((r) => r.vendor));
      for (const vendor of expectedVendors) {
        if (foundVendors.has(vendor)) counts.truePositives++;
        else {
          counts.falseNegatives++;
          problems.push({ type: 'missed-vendor', sensitivity, file, vendor, text: '' });
        }
      }
      for (const vendor of foundVendors) {
        if (allowedVendors.has(vendor)) continue;
        counts.falsePositives++;
        const texts = [...new Set(rows.filter((r) => r.vendor === vendor).map((r) => r.evidence))];
        problems.push({ type: 'false-flag', sensitivity, file, vendor, text: texts.join(' | ') });
      }
      for (const expectation of required) {
        counts.evidenceExpected++;
        const match = rows.find((r) => r.vendor === expectation.vendor && sameText(expectation, r.evidence));
        if (!match) {
          const sameVendor = rows.filter((r) => r.vendor === expectation.vendor).map((r) => r.evidence);
          problems.push({
            type: 'missed-evidence',
            sensitivity,
            file,
            vendor: expectation.vendor,
            text: expectation.evidence,
            detail: `${expectation.kind}${sameVendor.length ? `; found instead: ${[...new Set(sameVendor)].join(' | ')}` : ''}`,
          });
          continue;
        }
        counts.evidenceFound++;
        counts.verdictChecked++;
        // A mention stays a mention whatever the vendor's measures; it still counts for the vendor's recall above.
        const wantedVerdict =
          unmeasured.has(expectation.vendor) && expectation.verdict !== 'mention'
            ? 'possible-match'
            : expectation.verdict;
        if (match.verdict === wantedVerdict) counts.verdictAgreed++;
        else {
          problems.push({
            type: 'wrong-verdict',
            sensitivity,
            file,
            vendor: expectation.vendor,
            text: expectation.evidence,
            detail: `expected ${wantedVerdict}, got ${match.verdict}`,
          });
        }
      }
      for (const trap of label.mustNotFlag) {
        counts.trapsChecked++;
        const hit = rows.find((r) => touches(document.blocks[r.block] ?? '', r.evidence, trap));
        if (hit) {
          counts.trapsHit++;
          problems.push({ type: 'trap-hit', sensitivity, file, vendor: hit.vendor, text: trap, detail: hit.evidence });
        }
      }
      add(total, counts);
      byCategory[label.category] ??= emptyCounts();
      add(byCategory[label.category]!, counts);
    }
    bySensitivity[sensitivity] = { total, byCategory };
  }
  return { bySensitivity, problems };
}

export function evaluateModels(entries: ModelEntry[], list: Watchlist): ModelResult {
  const engines = enginesFor(list);
  const known = new Set(list.vendors.map((v) => v.id));
  const misses: ModelResult['misses'] = [];
  const bySensitivity = {} as ModelResult['bySensitivity'];
  for (const sensitivity of SENSITIVITIES) {
    const result: ModelResult['bySensitivity'][LabelSensitivity] = {
      listed: { total: 0, found: 0 },
      others: { total: 0, flagged: 0 },
      byMaker: {},
    };
    for (const entry of entries) {
      if (entry.vendor && !known.has(entry.vendor)) continue;
      const rows = scanText(engines[sensitivity], 'models.csv', 'text', entry.model);
      result.byMaker[entry.maker] ??= { vendor: entry.vendor, total: 0, hits: 0 };
      const maker = result.byMaker[entry.maker]!;
      maker.total++;
      const got = rows.map((r) => `${r.vendor}:${r.evidence}`).join(' ');
      if (entry.vendor) {
        result.listed.total++;
        if (rows.some((r) => r.vendor === entry.vendor)) {
          result.listed.found++;
          maker.hits++;
        } else misses.push({ sensitivity, entry, got });
      } else {
        result.others.total++;
        if (rows.length > 0) {
          result.others.flagged++;
          maker.hits++;
          misses.push({ sensitivity, entry, got });
        }
      }
    }
    bySensitivity[sensitivity] = result;
  }
  return { bySensitivity, misses };
}

/**
 * Issue 14's own measure of bare model numbers: the camera database's codes of the Hikvision and Dahua group (their
 * own ranges and brands: HiLook, EZVIZ, Imou), each alone. Module codes that other makers share (EC25, MF622) need
 * their maker named and are counted in the listed makers' recall, not here.
 */
export function cameraGroup(result: ModelResult, sensitivity: LabelSensitivity): { total: number; found: number } {
  let total = 0;
  let found = 0;
  for (const maker of Object.values(result.bySensitivity[sensitivity].byMaker)) {
    if (maker.vendor !== 'hikvision' && maker.vendor !== 'dahua') continue;
    total += maker.total;
    found += maker.hits;
  }
  return { total, found };
}

export const evaluateAll = () => {
  const list = loadBundledWatchlist();
  return { pages: evaluatePages(readSet(), list), models: evaluateModels(loadModels(), list) };
};
