/**
 * The names audit (scripts/lib/name-audit.ts): every vendor and confirmed brand has, in each reader language, a sourced
 * name, a sourced use of its Latin name, or a gap with its reason; the build refuses a file that leaves one out, a
 * Latin-name use whose quoted words do not contain the name, a cell that is both named and a gap, and a local name
 * with no source. A brand's local name is matched as the brand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../lib/engine/index';
import { READER_LANGS, type Watchlist } from '../../../lib/watchlist/schema';
import { compileWatchlist, type DataFiles } from '../../../scripts/lib/compile-watchlist';
import { nameCells } from '../../../scripts/lib/name-audit';
import { readDataFiles } from '../../../scripts/watchlist-build';

let files: DataFiles;
let list: Watchlist;

// Compiling the whole data folder (with the negative lexicon) takes seconds on a loaded machine.
beforeAll(async () => {
  files = await readDataFiles();
  list = compileWatchlist(files);
}, 60_000);

/** The data files with one vendor file's data changed. */
function withVendor(id: string, change: (data: Record<string, unknown>) => Record<string, unknown>): DataFiles {
  return {
    ...files,
    vendors: files.vendors.map((file) =>
      file.file.endsWith(`/${id}.yaml`) ? { ...file, data: change(file.data as Record<string, unknown>) } : file,
    ),
  };
}

describe('every reader language is accounted for', () => {
  it('in every vendor and confirmed brand of the bundled list', () => {
    const entries = list.vendors.flatMap((vendor) => [vendor, ...vendor.brands.filter((brand) => brand.confirmed)]);
    expect(entries.length).toBeGreaterThan(26);
    for (const entry of entries) {
      const audit = nameCells(entry);
      expect(audit, entry.name).toHaveProperty('cells');
      if ('cells' in audit) expect(Object.keys(audit.cells).sort()).toEqual([...READER_LANGS].sort());
    }
  });

  it('records Latin-name uses with the words the source writes', () => {
    const zte = list.vendors.find((vendor) => vendor.id === 'zte')!;
    expect(zte.latinNameIn.map((use) => use.lang).sort()).toEqual(['ja', 'ko', 'ru']);
    for (const use of zte.latinNameIn) {
      expect(use.seen).toContain('ZTE');
      expect(use.sources.length).toBeGreaterThan(0);
    }
  });

  it('refuses a vendor that leaves a language unchecked, naming the file, field and language', () => {
    const broken = withVendor('zte', (data) => ({
      ...data,
      latinNameIn: (data.latinNameIn as { lang: string }[]).filter((use) => use.lang !== 'ru'),
    }));
    expect(() => compileWatchlist(broken)).toThrow(/data\/vendors\/zte\.yaml: nameGaps: no ru name/);
  });

  it('refuses a confirmed brand that leaves a language unchecked', () => {
    const broken = withVendor('hytera', (data) => ({
      ...data,
      brands: (data.brands as Record<string, unknown>[]).map((brand) =>
        brand.name === 'Norsat' ? { ...brand, nameGaps: [] } : brand,
      ),
    }));
    expect(() => compileWatchlist(broken)).toThrow(/data\/vendors\/hytera\.yaml: brands\.1\.nameGaps: no zh-Hans name/);
  });

  it('refuses a Latin-name use whose quoted words lack the name', () => {
    const broken = withVendor('xiaomi', (data) => ({
      ...data,
      latinNameIn: [{ lang: 'ru', seen: '20 новых магазинов', sources: ['androidinsider-xiaomi-stores'] }],
    }));
    expect(() => compileWatchlist(broken)).toThrow(/xiaomi\.yaml: latinNameIn: latinNameIn ru: "20 новых магазинов"/);
  });

  it('refuses a Latin-name use with no source, and one with an unknown source', () => {
    const none = withVendor('xiaomi', (data) => ({
      ...data,
      latinNameIn: [{ lang: 'ru', seen: 'магазинов Xiaomi', sources: [] }],
    }));
    expect(() => compileWatchlist(none)).toThrow(/xiaomi\.yaml: latinNameIn\.0\.sources/);
    const unknown = withVendor('xiaomi', (data) => ({
      ...data,
      latinNameIn: [{ lang: 'ru', seen: 'магазинов Xiaomi', sources: ['no-such-page'] }],
    }));
    expect(() => compileWatchlist(unknown)).toThrow(/unknown source id "no-such-page"/);
  });

  it('refuses a language that has a name and also a gap', () => {
    const broken = withVendor('huawei', (data) => ({
      ...data,
      nameGaps: [{ lang: 'ja', note: 'contradicts the katakana name ファーウェイ' }],
    }));
    expect(() => compileWatchlist(broken)).toThrow(
      /huawei\.yaml: nameGaps: ja has a name or a Latin-name use and also a gap/,
    );
  });

  it('refuses a language outside the audited ones in latinNameIn', () => {
    const broken = withVendor('xiaomi', (data) => ({
      ...data,
      latinNameIn: [{ lang: 'de', seen: 'Xiaomi Smartphones', sources: ['androidinsider-xiaomi-stores'] }],
    }));
    expect(() => compileWatchlist(broken)).toThrow(/xiaomi\.yaml: latinNameIn\.0\.lang/);
  });
});

describe("a brand's local name", () => {
  it('is matched as the brand, with its own verdict', () => {
    // A test-only name on a real brand: the data has no brand local names yet, so this checks the engine path.
    const changed = withVendor('hikvision', (data) => ({
      ...data,
      brands: (data.brands as Record<string, unknown>[]).map((brand) =>
        brand.name === 'EZVIZ'
          ? {
              ...brand,
              localNames: [{ name: 'テストブランド', lang: 'ja', sources: ['baekse-ezviz-momcam-2020'] }],
              nameGaps: (brand.nameGaps as { lang: string }[]).filter((gap) => gap.lang !== 'ja'),
            }
          : brand,
      ),
    }));
    const engine = createEngine(compileWatchlist(changed), { sensitivity: 'strict' });
    const [finding] = engine.scanText('テストブランドの見守りカメラ');
    expect(finding).toMatchObject({ vendorId: 'hikvision', evidence: 'テストブランド', kind: 'brand' });
    expect(finding?.brand?.name).toBe('EZVIZ');
    expect(createEngine(list, { sensitivity: 'strict' }).scanText('テストブランドの見守りカメラ')).toEqual([]);
  });
});
