/**
 * The bundled watchlist: every claim sourced and dated, every model rule proven on its examples and collisions,
 * every regular expression safe, and the bundled file identical to a fresh build of data/.
 */
import { readFile } from 'node:fs/promises';
import { check } from 'recheck';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseTerm } from '../../../lib/engine/normalise';
import { squeeze, stripCompanySuffix } from '../../../lib/engine/terms';
import { applicableMeasures, loadWatchlist, vendorNames, type Watchlist } from '../../../lib/watchlist/index';
import { compileWatchlist, WatchlistBuildError } from '../../../scripts/lib/compile-watchlist';
import { readDataFiles, serialise } from '../../../scripts/watchlist-build';

let list: Watchlist;
const vendor = (id: string) => list.vendors.find((v) => v.id === id)!;
const listingIds = (id: string) => vendor(id).listings.map((l) => l.measure);

beforeAll(async () => {
  list = loadWatchlist(JSON.parse(await readFile(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')));
});

describe('bundled watchlist', () => {
  it('equals a fresh build of data/ (run `npm run watchlist:build` after editing data/)', async () => {
    const fresh = serialise(compileWatchlist(await readDataFiles()));
    expect(await readFile(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')).toBe(fresh);
  });

  it('covers the vendors and measures the product promises', () => {
    const vendors = list.vendors.map((v) => v.id);
    for (const id of ['hikvision', 'dahua', 'huawei', 'zte', 'hytera', 'quectel', 'fibocom', 'kaspersky', 'dji']) {
      expect(vendors).toContain(id);
    }
    const measures = list.measures.map((m) => m.id);
    for (const id of [
      'us-fcc-covered-list',
      'us-fcc-equipment-authorisation',
      'us-ndaa-889',
      'us-dod-1260h',
      'us-entity-list',
      'uk-surveillance-sensitive-sites',
      'uk-tsa-huawei',
      'au-commonwealth-cameras-2023',
      'tw-ey-prc-ict',
    ]) {
      expect(measures).toContain(id);
    }
  });

  it('gives every measure a source and a date (its own, or on every listing)', () => {
    for (const measure of list.measures) {
      expect(measure.sources.length, measure.id).toBeGreaterThan(0);
      const dated = measure.dates.announced ?? measure.dates.effective;
      const listings = list.vendors.flatMap((v) => v.listings.filter((l) => l.measure === measure.id));
      expect(Boolean(dated) || listings.every((l) => l.date), measure.id).toBe(true);
    }
  });

  it('gives every listing and every confirmed brand link a source and a date', () => {
    for (const v of list.vendors) {
      for (const listing of v.listings) {
        expect(listing.sources.length, `${v.id}/${listing.measure}`).toBeGreaterThan(0);
        expect(listing.date, `${v.id}/${listing.measure}`).toMatch(/^\d{4}/);
      }
      for (const brand of v.brands.filter((b) => b.confirmed)) {
        expect(brand.sources.length, `${v.id}/${brand.name}`).toBeGreaterThan(0);
        const dated = brand.since ?? brand.until ?? brand.checked ?? brand.sources.find((s) => s.date)?.date;
        expect(dated, `${v.id}/${brand.name} needs since/until/checked or a dated source`).toBeTruthy();
      }
    }
  });

  it('cites only http(s) addresses', () => {
    const sources = [
      ...list.measures.flatMap((m) => m.sources),
      ...list.vendors.flatMap((v) => [...v.listings, ...v.brands, ...v.notes].flatMap((x) => x.sources)),
      ...list.vendors.flatMap((v) => v.nameSources),
    ];
    for (const source of sources) expect(source.url).toMatch(/^https?:\/\/[^\s]+$/);
  });

  it('lets no two vendors claim the same name or alias', () => {
    const owner = new Map<string, string>();
    for (const v of list.vendors) {
      const names = vendorNames(v);
      for (const name of names) {
        const key = squeeze(stripCompanySuffix(normaliseTerm(name)));
        expect(owner.get(key) ?? v.id, `${name}`).toBe(v.id);
        owner.set(key, v.id);
      }
    }
  });
});

describe('model rules', () => {
  const rules = () => list.vendors.flatMap((v) => v.models.map((rule) => ({ vendor: v.id, rule })));

  it('match every example and none of the collisions', () => {
    expect(rules().length).toBeGreaterThan(5);
    for (const { vendor: id, rule } of rules()) {
      const regex = new RegExp(`^(?:${rule.pattern})$`, 'i');
      for (const example of rule.examples)
        expect(regex.test(normaliseTerm(example)), `${id}/${rule.id} ${example}`).toBe(true);
      for (const collision of rule.collisions) {
        expect(regex.test(normaliseTerm(collision)), `${id}/${rule.id} must not match ${collision}`).toBe(false);
      }
    }
  });

  it('are safe from catastrophic backtracking (checked with recheck)', async () => {
    for (const { vendor: id, rule } of rules()) {
      // recheck gives up after 10 s by default and says 'unknown': on a loaded machine give it time to finish.
      const diagnostics = await check(`^(?:${rule.pattern})$`, 'i', { timeout: 60_000 });
      expect(diagnostics.status, `${id}/${rule.id}`).toBe('safe');
    }
  }, 900_000);
});

describe('what must never be shown as a restriction', () => {
  it('has no US measure against Xiaomi (its 2021 designation was vacated)', () => {
    expect(listingIds('xiaomi').filter((id) => id.startsWith('us-'))).toEqual([]);
    expect(vendor('xiaomi').notes.some((n) => /vacated/.test(n.text))).toBe(true);
  });

  it('does not put Quectel or Fibocom on the FCC Covered List or under section 889', () => {
    for (const id of ['quectel', 'fibocom']) {
      expect(listingIds(id)).not.toContain('us-fcc-covered-list');
      expect(listingIds(id)).not.toContain('us-ndaa-889');
    }
    expect(listingIds('fibocom')).toEqual([]);
  });

  it('lists no vendor under a procurement debarment list', () => {
    expect(list.measures.some((m) => m.scope === 'public-procurement-debarment')).toBe(false);
  });

  it('keeps vendors that were only considered or proposed out of the list', () => {
    const ids = list.vendors.map((v) => v.id);
    for (const id of ['lenovo', 'jd']) expect(ids).not.toContain(id);
  });

  it("shows China Telecom's parents as listed in the June 2026 1260H edition, and says the US arm is not named", () => {
    const listing = vendor('china-telecom').listings.find((l) => l.measure === 'us-dod-1260h')!;
    expect(listing.status).toBeUndefined();
    expect(listing.qualifier).toMatch(/China Telecom Group Co\., Ltd\..*not itself named/);
  });

  it('names the company the 1260H list names for TP-Link, and keeps its brands out of warnings until a source ties them to it', () => {
    const listing = vendor('tp-link').listings.find((l) => l.measure === 'us-dod-1260h')!;
    expect(listing.qualifier).toMatch(/TP-Link Technologies Co\., Ltd\..*TP-Link Systems Inc\./);
    expect(vendor('tp-link').brands.every((b) => b.confirmed === false)).toBe(true);
  });

  it('keeps links the research could not confirm out of warnings (Netprisma, HiWatch, LTS, Amcrest)', () => {
    const brand = (id: string, name: string) => vendor(id).brands.find((b) => b.name === name)!;
    expect(brand('quectel', 'Netprisma').confirmed).toBe(false);
    for (const name of ['HiWatch', 'LTS']) expect(brand('hikvision', name).confirmed).toBe(false);
    expect(brand('dahua', 'Amcrest').confirmed).toBe(false);
  });

  it('does not apply the UK direction on surveillance cameras to DJI drones', () => {
    expect(applicableMeasures(list, vendor('dji')).map((a) => a.measure.id)).not.toContain(
      'uk-surveillance-sensitive-sites',
    );
  });

  it('words the Entity List as an export control, never a purchase ban', () => {
    const entityList = list.measures.find((m) => m.id === 'us-entity-list')!;
    expect(entityList.scope).toBe('export-control');
    expect(entityList.scopeText).toMatch(/does not ban buying/);
  });
});

describe('applicable measures', () => {
  it('applies the UK direction to Hikvision by category, and keeps the FCC use limit', () => {
    const applied = applicableMeasures(list, vendor('hikvision'));
    const uk = applied.find((a) => a.measure.id === 'uk-surveillance-sensitive-sites')!;
    expect(uk.basis).toBe('category');
    const fcc = applied.find((a) => a.measure.id === 'us-fcc-covered-list')!;
    expect(fcc.basis).toBe('named');
    expect(fcc.qualifier).toMatch(/public safety/);
  });

  it('does not apply a camera-only category measure to a telecoms vendor', () => {
    expect(applicableMeasures(list, vendor('huawei')).map((a) => a.measure.id)).not.toContain(
      'uk-surveillance-sensitive-sites',
    );
  });

  it('never applies unconfirmed listings', () => {
    const hikvision = vendor('hikvision');
    const unconfirmed = {
      ...hikvision,
      listings: hikvision.listings.map((l) => (l.measure === 'us-dod-1260h' ? { ...l, confirmed: false } : l)),
    };
    expect(applicableMeasures(list, hikvision).map((a) => a.measure.id)).toContain('us-dod-1260h');
    expect(applicableMeasures(list, unconfirmed).map((a) => a.measure.id)).not.toContain('us-dod-1260h');
  });

  it("applies the FCC's foreign-produced router and drone entries to listed makers of those products only", () => {
    const ids = (id: string) => applicableMeasures(list, vendor(id)).map((a) => a.measure.id);
    expect(ids('tp-link')).toContain('us-fcc-covered-routers');
    expect(ids('dji')).toContain('us-fcc-covered-uas');
    expect(ids('hikvision')).not.toContain('us-fcc-covered-routers');
    expect(ids('tp-link')).not.toContain('us-fcc-covered-uas');
    // "Produced in a foreign country": a US maker's routers are outside the category.
    expect(applicableMeasures(list, { ...vendor('tp-link'), country: 'US' }).map((a) => a.measure.id)).not.toContain(
      'us-fcc-covered-routers',
    );
  });

  it('applies the connected-vehicles rule to no vendor until one is tagged as a vehicle-connectivity supplier', () => {
    for (const v of list.vendors)
      expect(applicableMeasures(list, v).map((a) => a.measure.id)).not.toContain('us-commerce-connected-vehicles');
  });
});

describe('build errors', () => {
  it('names the file and the field of an invalid entry', async () => {
    const files = await readDataFiles();
    const broken = structuredClone(files);
    const dahua = broken.vendors.find((f) => f.file.endsWith('dahua.yaml'))!;
    (dahua.data as { listings: Array<{ date: string }> }).listings[0]!.date = 'last spring';
    expect(() => compileWatchlist(broken)).toThrow(WatchlistBuildError);
    expect(() => compileWatchlist(broken)).toThrow(/data\/vendors\/dahua\.yaml: listings\.0\.date/);
  });

  it('refuses an unknown source id and an unknown measure', async () => {
    const files = await readDataFiles();
    const unknownSource = structuredClone(files);
    (unknownSource.vendors[0]!.data as { listings: Array<{ sources: string[] }> }).listings[0]!.sources = [
      'no-such-source',
    ];
    expect(() => compileWatchlist(unknownSource)).toThrow(/unknown source id "no-such-source"/);
    const unknownMeasure = structuredClone(files);
    const hik = unknownMeasure.vendors.find((f) => f.file.endsWith('hikvision.yaml'))!;
    (hik.data as { listings: Array<{ measure: string }> }).listings[0]!.measure = 'made-up-ban';
    expect(() => compileWatchlist(unknownMeasure)).toThrow(/hikvision\.yaml: listings\.0\.measure: unknown measure/);
  });

  it('refuses a name claimed by two vendors', async () => {
    const files = await readDataFiles();
    const clash = structuredClone(files);
    const zte = clash.vendors.find((f) => f.file.endsWith('zte.yaml'))!;
    (zte.data as { aliases: string[] }).aliases.push('Hik Vision');
    expect(() => compileWatchlist(clash)).toThrow(/already claimed by vendor "hikvision"/);
  });
});
