/**
 * Model numbers from real catalogues (tests/models/*.txt, each with its origin in its header), not from our fixtures:
 *
 * - listed makers' codes, written bare (no brand beside them), are recognised and given to the right vendor. Each list
 *   is user-typed or scraped, so it holds fragments and typos ("2MPDOME", "DS-2XXX"); recall is measured on the
 *   entries that carry one of the maker's product-line prefixes (its naming scheme, e.g. Hikvision's "DS-"), and
 *   reported on all entries;
 * - codes that need their maker named (Quectel, Fibocom, MeiG, Huawei modules, ZTE MiFi) are recognised when the
 *   maker is named, in the block or in the row's "Manufacturer" cell, and only as possible matches at broad otherwise;
 * - other makers' real codes (cameras, network gear, modules) are almost never flagged, at any sensitivity.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../lib/engine/index';
import type { Watchlist } from '../../../lib/watchlist/schema';
import { compileWatchlist } from '../../../scripts/lib/compile-watchlist';
import { readDataFiles } from '../../../scripts/watchlist-build';

const read = (name: string) =>
  readFileSync(new URL(`../../models/${name}.txt`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));

/** Listed makers' camera and equipment codes: file, vendor, product-line prefixes of the maker's naming scheme. */
const BARE: ReadonlyArray<[string, string, RegExp]> = [
  ['hikvision', 'hikvision', /^(?:I?DS-?[0-9A-Z]|ECI-)/],
  ['hikvision-download-centre', 'hikvision', /^(?:I?DS-?[0-9A-Z]|ECI-)/],
  ['hilook', 'hikvision', /^(?:IPC|THC|DVR|NVR|PTZ)-/],
  ['ezviz', 'hikvision', /^CS-/],
  [
    'dahua',
    'dahua',
    /^(?:DHI?-|IPC-|HAC-|SDT?[0-9]|PTZ[0-9]|[NX]VR[0-9]|HCVR|VT[OH]|AS[AI][0-9]|TPC-|ITC|PFS|HFW|HDB?W|HDPW)/,
  ],
  ['imou', 'dahua', /^IPC-/],
  ['uniview', 'uniview', /^(?:IPC|NVR)[-0-9]/],
  ['huawei', 'huawei', /^(?:S[0-9]{4}|CE[0-9]|NE[0-9]|ATN|AIRENGINE|AR[0-9]|IPC[0-9]|MH5000|MT57)/i],
  ['zte', 'zte', /^ZX/],
];

/** Codes other makers share: file, vendor, how the maker is written. */
const SHARED: ReadonlyArray<[string, string, string]> = [
  ['quectel', 'quectel', 'Quectel'],
  ['fibocom', 'fibocom', 'Fibocom'],
  ['huawei-modems', 'huawei', 'Huawei'],
  ['zte-modems', 'zte', 'ZTE'],
];

const OTHERS = ['other-cameras', 'other-network', 'other-modules', 'other-usb'];

let list: Watchlist;
let balanced: Engine;
let broad: Engine;

beforeAll(async () => {
  list = compileWatchlist(await readDataFiles());
  balanced = createEngine(list);
  broad = createEngine(list, { sensitivity: 'broad' });
}, 60_000); // compiling the list takes seconds on a loaded machine

const modelOf = (engine: Engine, vendor: string, text: string, context?: Parameters<Engine['scanText']>[1]) =>
  engine.scanText(text, context).some((f) => f.vendorId === vendor && f.kind === 'model');

describe('listed makers’ real model numbers, bare', () => {
  it.each(BARE)(
    '%s: recall >= 0.95 on codes in the maker’s naming scheme, none given to another vendor',
    (file, vendor, scheme) => {
      const codes = read(file);
      const named = codes.filter((code) => scheme.test(code));
      expect(named.length).toBeGreaterThan(5);
      const missed = named.filter((code) => !modelOf(balanced, vendor, code));
      expect(missed.length / named.length, `missed: ${missed.join(' ')}`).toBeLessThanOrEqual(0.05);
      const elsewhere = named.filter((code) => balanced.scanText(code).some((f) => f.vendorId !== vendor));
      expect(elsewhere, 'given to another vendor').toEqual([]);
    },
  );
});

describe('codes other makers share', () => {
  it.each(SHARED)(
    '%s: recognised with the maker named, in the block or in the row; a shared code alone only as a possible match at broad',
    (file, vendor, maker) => {
      const codes = read(file);
      for (const code of codes) {
        expect(modelOf(balanced, vendor, `${maker} ${code}`), `${maker} ${code}`).toBe(true);
        expect(modelOf(balanced, vendor, code, { item: [{ text: maker, header: 'Manufacturer' }] }), code).toBe(true);
        // Alone: a code only this maker uses (RM500Q-GL) is still found; a shared one only at broad, as a guess.
        const alone = broad.scanText(code).filter((f) => f.vendorId === vendor);
        if (modelOf(balanced, vendor, code)) continue;
        // Too short to guess at (EC25, BG96): nothing; long enough (EC25-E, L850-GL): a possible match.
        expect(
          alone.map((f) => [f.verdict, f.basis]),
          `${code} alone at broad`,
        ).toEqual(code.length < 5 ? [] : [['possible-match', 'guess']]);
      }
    },
  );

  it('are not guessed at when the row names another maker', () => {
    for (const code of ['EC25-E', 'L850-GL', 'NVR4108HS-8P']) {
      expect(broad.scanText(code, { item: [{ text: 'Acme Modules', header: 'Manufacturer' }] })).toEqual([]);
      expect(
        broad.scanText(code, {
          item: [{ text: 'Acme', header: 'Hersteller' }],
          page: new Set(['quectel', 'fibocom', 'dahua']),
        }),
      ).toEqual([]);
    }
  });
});

describe('other makers’ real model numbers', () => {
  it.each(OTHERS)('%s: at most 1% flagged, at any sensitivity', (file) => {
    const rows = read(file).map((line) => line.split('\t'));
    expect(rows.length).toBeGreaterThan(50);
    for (const engine of [balanced, broad]) {
      const flagged = rows.filter(([, code]) => engine.scanText(code!).length > 0).map((row) => row.join(':'));
      expect(flagged.length / rows.length, flagged.join(' ')).toBeLessThanOrEqual(0.01);
    }
  });
});
