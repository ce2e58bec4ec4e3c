/**
 * Context for codes other makers share: the real engine over real readers. A code counts when its maker is named
 * in its table row (a "Manufacturer" / "Hersteller" / "制造商" column) or elsewhere in the document; a row naming another maker stops that; at broad, with no maker in sight, a shared code
 * is a possible match naming the likely maker. And the build refuses a rule that its own collisions contradict.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../lib/engine/index';
import type { Watchlist } from '../../../lib/watchlist/schema';
import { compileWatchlist } from '../../../scripts/lib/compile-watchlist';
import { readDataFiles } from '../../../scripts/watchlist-build';
import { scanText } from '../../support/scan-text';

let list: Watchlist;
let engine: Engine;
let broad: Engine;
beforeAll(async () => {
  list = compileWatchlist(await readDataFiles());
  engine = createEngine(list);
  broad = createEngine(list, { sensitivity: 'broad' });
}, 60_000); // compiling the list takes seconds on a loaded machine

const found = (e: Engine, file: string, format: 'html' | 'csv', content: string) =>
  scanText(e, file, format, content).map((row) => `${row.vendor}:${row.evidence}:${row.verdict}`);

describe('row blocks carry their cells under their column headers', () => {
  it('reads a CSV header row, so a "Hersteller" column names the row’s maker', () => {
    const csv =
      'Hersteller,Modell,Menge\nHuawei,AR6140-16G4XG,2\nMikroTik,RB4011iGS+RM,1\nQuectel,EG25-G,5\nAcme,EC25-E,5\n';
    expect(found(engine, 'bom.csv', 'csv', csv)).toEqual([
      'huawei:Huawei:listed-vendor',
      'huawei:AR6140-16G4XG:listed-vendor',
      'quectel:Quectel:listed-vendor',
      'quectel:EG25-G:listed-vendor',
    ]);
  });
});

describe('a maker named elsewhere in the document, or nowhere', () => {
  const notice =
    '<html><body><p>Framework supplier: Quectel.</p><p>Lot 2: 40 x EC25-E on carrier boards</p></body></html>';

  it('counts a maker named anywhere in the same document', () => {
    const rows = scanText(engine, 'notice.html', 'html', notice);
    expect(rows.find((r) => r.evidence === 'EC25-E')).toMatchObject({ vendor: 'quectel', verdict: 'listed-vendor' });
  });

  it('leaves a council tender listing "EC25-E" and "L850-GL" alone unflagged by default, a possible match at broad', () => {
    const lots = '<html><body><p>Lot 1: 12 x EC25-E</p><p>Lot 2: 3 x L850-GL</p></body></html>';
    expect(scanText(engine, 'lots.html', 'html', lots)).toEqual([]);
    const guessed = scanText(broad, 'lots.html', 'html', lots);
    expect(guessed.map((r) => [r.vendor, r.evidence, r.verdict])).toEqual([
      ['quectel', 'EC25-E', 'possible-match'],
      ['fibocom', 'L850-GL', 'possible-match'],
    ]);
    expect(broad.scanText('EC25-E')[0]).toMatchObject({ basis: 'guess', vendorName: 'Quectel' });
  });

  it('does not guess when another listed maker is named with the code', () => {
    expect(broad.scanText('Huawei router with EC25-E inside').filter((f) => f.vendorId === 'quectel')).toEqual([]);
  });

  it('lists the makers a text names', () => {
    expect(engine.namedIn('Supplied by Quectel Wireless, cameras by HiLook').sort()).toEqual(['hikvision', 'quectel']);
    expect(engine.namedIn('nothing here')).toEqual([]);
  });
});

describe('the build proves model rules', () => {
  const withRule = async (vendorFile: string, change: (models: Array<Record<string, unknown>>) => void) => {
    const files = await readDataFiles();
    const broken = structuredClone(files);
    const file = broken.vendors.find((f) => f.file.endsWith(vendorFile))!;
    change((file.data as { models: Array<Record<string, unknown>> }).models);
    return () => compileWatchlist(broken);
  };

  it('refuses a rule that matches one of its own collisions', async () => {
    const build = await withRule('zte.yaml', (models) => {
      (models.find((rule) => rule.id === 'zte-mifi-routers')!.collisions as string[]).push('MF286D');
    });
    expect(build).toThrow(/zte\.yaml: models\.[0-9]+: rule "zte-mifi-routers" matches "MF286D", a collision it lists/);
  });

  it('refuses a rule that misses one of its own examples', async () => {
    const build = await withRule('quectel.yaml', (models) => {
      (models[0]!.examples as string[]).push('EC25-E');
    });
    expect(build).toThrow(/does not match its own example "EC25-E"/);
  });

  it('refuses a rule that takes another vendor’s example', async () => {
    const build = await withRule('uniview.yaml', (models) => {
      models[0]!.pattern = 'ipc-?[a-z0-9]+(?:[-/][0-9a-z+]+)*';
      models[0]!.collisions = [];
    });
    expect(build).toThrow(
      /uniview\.yaml: models: rule "uniview-ip-cameras" matches ".+", an example of (hikvision|dahua)'s rule/,
    );
  });
});

describe('a page that uses a name as a place, a person or a phrase (BlockContext.placeNames)', () => {
  // China Daily's page on Dahua Yao Autonomous County (accuracy set, trap/chinadaily-hechi-dahua-yao-county.html).
  const county =
    '<p>Dahua Yao autonomous county is located to the south of Hechi city.</p>' +
    '<p>Dahua has abundant hydropower resources. Two hydropower stations - Dahua and Yantan - are located here.</p>';

  it('collects the vendors whose name a text uses as a place, a person or a phrase of capitals', () => {
    expect(engine.namesAsPlaces('Dahua Yao autonomous county is located to the south of Hechi city.')).toEqual([
      'dahua',
    ]);
    expect(engine.namesAsPlaces('@author Dahua Lin')).toEqual(['dahua']);
    expect(engine.namesAsPlaces('also called oppo research')).toEqual(['oppo']);
    expect(engine.namesAsPlaces('Dahua cameras and Hikvision recorders')).toEqual([]);
    expect(engine.namesAsPlaces('Shanghai Dahua Scale Factory')).toEqual([]);
  });

  it('reads the bare name elsewhere on that page as the place', () => {
    expect(found(engine, 'county.html', 'html', county)).toEqual([]);
    // The same paragraph alone, with nothing saying Dahua is a county, is the company.
    expect(found(engine, 'alone.html', 'html', '<p>Dahua has abundant hydropower resources.</p>')).toEqual([
      'dahua:Dahua:listed-vendor',
    ]);
  });

  it('still flags the vendor beside a product word or its own code on such a page', () => {
    const placeNames = new Set(['dahua']);
    expect(engine.scanText('Dahua cameras for the county office', { placeNames }).map((f) => f.vendorId)).toEqual([
      'dahua',
    ]);
    expect(
      engine.scanText('Dahua IPC-HDW2431T-AS-S2 for the county office', { placeNames }).map((f) => f.evidence),
    ).toEqual(['Dahua', 'IPC-HDW2431T-AS-S2']);
    expect(engine.scanText('DAHUA', { placeNames }).map((f) => f.vendorId)).toEqual(['dahua']);
  });

  it('reads a lower-case "oppo" on a page about oppo research as the jargon, but not the brand in capitals', () => {
    const placeNames = new Set(['oppo']);
    expect(engine.scanText('frequently shortened to "oppo," it is', { placeNames })).toEqual([]);
    expect(engine.scanText('OPPO Reno 10 Pro', { placeNames }).map((f) => f.vendorId)).toEqual(['oppo']);
    expect(engine.scanText('Oppo Find X5', { placeNames }).map((f) => f.vendorId)).toEqual(['oppo']);
    expect(engine.scanText('frequently shortened to "oppo," it is').map((f) => f.vendorId)).toEqual(['oppo']);
  });

  it('reads a personal web address with the name on a page about the person as the person', () => {
    const md = '[Bo Dai](https://daibo.info/), [Dahua Lin](http://dahua.site/)\nCUHK, Shanghai AI Lab';
    expect(engine.scanText(md, { placeNames: new Set(['dahua']) })).toEqual([]);
  });
});
