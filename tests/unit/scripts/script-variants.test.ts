/**
 * Traditional and Simplified forms derived at build time (scripts/lib/script-variants.ts): each real name's other
 * form is in the compiled list and found on a page written in it, context names keep needing context, and the forms
 * are the build's to write, not a maintainer's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../lib/engine/index';
import type { Watchlist } from '../../../lib/watchlist/schema';
import { compileWatchlist, WatchlistBuildError } from '../../../scripts/lib/compile-watchlist';
import { scriptVariants } from '../../../scripts/lib/script-variants';
import { readDataFiles } from '../../../scripts/watchlist-build';

let list: Watchlist;
let engine: Engine;
const vendors = (text: string) => [...new Set(engine.scanText(text).map((f) => f.vendorId))];
const evidence = (text: string) => engine.scanText(text).map((f) => `${f.vendorId}:${f.evidence}`);

beforeAll(async () => {
  list = compileWatchlist(await readDataFiles());
  engine = createEngine(list, { sensitivity: 'strict' });
}, 60_000); // compiling the list takes seconds on a loaded machine

describe('scriptVariants (OpenCC)', () => {
  it.each([
    ['海康威视', ['海康威視']],
    ['华为', ['華為', '華爲']],
    ['華為', ['华为', '華爲']],
    ['中兴通讯', ['中興通訊']],
    ['移远通信', ['移遠通信']],
    ['大疆創新', ['大疆创新']],
  ])('gives the other forms of %s', (name, forms) => {
    expect(scriptVariants(name)).toEqual(expect.arrayContaining(forms));
    expect(scriptVariants(name)).not.toContain(name);
  });

  it('gives the Japanese shinjitai form too, and nothing for a Latin name', () => {
    expect(scriptVariants('杭州海康威视数字技术')).toContain('杭州海康威視数字技術');
    expect(scriptVariants('Hikvision')).toEqual([]);
  });
});

describe('the compiled list', () => {
  it.each([
    ['海康威視 網路攝影機', 'hikvision', '海康威視'],
    ['華為 5G 基地台', 'huawei', '華為'],
    ['华为 5G CPE', 'huawei', '华为'],
    ['中興通訊 路由器', 'zte', '中興通訊'],
    ['移遠通信 LTE 模組', 'quectel', '移遠通信'],
    ['廣和通 5G 模組', 'fibocom', '廣和通'],
    ['海能達 數位對講機', 'hytera', '海能達'],
    ['大華 監控攝影機', 'dahua', '大華'],
    ['浙江大華技術股份有限公司', 'dahua', '浙江大華技術'],
    ['大疆创新 无人机', 'dji', '大疆创新'],
    ['中國移動 5G 套餐', 'china-mobile', '中國移動'],
    ['中國電信 光纖', 'china-telecom', '中國電信'],
    ['中國聯通 門市', 'china-unicom', '中國聯通'],
    ['杭州海康威視数字技術(ハイクビジョン)', 'hikvision', '杭州海康威視数字技術'],
  ])('finds %s', (text, vendor, found) => {
    expect(vendors(text)).toEqual([vendor]);
    expect(evidence(text)).toContain(`${vendor}:${found}`);
  });

  it('keeps context names in need of context in the other script', () => {
    const dahua = list.vendors.find((v) => v.id === 'dahua')!;
    expect(dahua.contextNames).toEqual(expect.arrayContaining(['大华', '大華']));
    expect(dahua.scriptForms).not.toContain('大華');
    expect(vendors('大華銀行 年報')).toEqual([]);
    expect(vendors('張大華 先生')).toEqual([]);
    expect(vendors('大華 監控攝影機')).toEqual(['dahua']);
  });

  it("derives a brand's forms too: its context names stay in need of context, its aliases become script forms", () => {
    const ezviz = list.vendors.find((v) => v.id === 'hikvision')!.brands.find((b) => b.name === 'EZVIZ')!;
    expect(ezviz.contextNames).toEqual(expect.arrayContaining(['萤石', '螢石']));
    expect(ezviz.scriptForms).toContain('螢石網絡');
    expect(ezviz.scriptForms).not.toContain('螢石');
    const imou = list.vendors.find((v) => v.id === 'dahua')!.brands.find((b) => b.name === 'Imou')!;
    expect(imou.contextNames).toEqual(expect.arrayContaining(['乐橙', '樂橙']));
    expect(vendors('螢石 監控攝影機')).toEqual(['hikvision']);
    expect(vendors('樂橙 監控攝影機')).toEqual(['dahua']);
    expect(vendors('紫色螢石原石')).toEqual([]);
    expect(evidence('杭州螢石網絡股份有限公司')).toEqual(['hikvision:杭州螢石網絡']);
  });

  it("refuses a brand's script forms written by hand, and a brand context name that is not a short Chinese name", async () => {
    const files = await readDataFiles();
    const withEzviz = (change: object) => ({
      ...files,
      vendors: files.vendors.map((file) => {
        if (!file.file.endsWith('/hikvision.yaml')) return file;
        const data = file.data as { brands: Array<{ name: string }> };
        return {
          ...file,
          data: { ...data, brands: data.brands.map((b) => (b.name === 'EZVIZ' ? { ...b, ...change } : b)) },
        };
      }),
    });
    expect(() => compileWatchlist(withEzviz({ scriptForms: ['螢石網絡'] }))).toThrow(
      /scriptForms is computed by the build/,
    );
    expect(() => compileWatchlist(withEzviz({ contextNames: ['EZVIZ'] }))).toThrow(
      /hikvision\.yaml: brands\.0\.contextNames\.0: must be a short Chinese name/,
    );
  });

  it('derives the phrases that are not the vendor too (中國移動互聯網)', () => {
    const mobile = list.vendors.find((v) => v.id === 'china-mobile')!;
    expect(mobile.otherPhrases).toEqual(expect.arrayContaining(['中国移动互联网', '中國移動互聯網']));
    expect(vendors('中國移動互聯網 的發展')).toEqual([]);
  });

  it('refuses script forms written by hand', async () => {
    const files = await readDataFiles();
    const broken = {
      ...files,
      vendors: files.vendors.map((file) =>
        file.file.endsWith('/huawei.yaml')
          ? { ...file, data: { ...(file.data as object), scriptForms: ['華為'] } }
          : file,
      ),
    };
    expect(() => compileWatchlist(broken)).toThrow(WatchlistBuildError);
    expect(() => compileWatchlist(broken)).toThrow(/scriptForms is computed by the build/);
  });

  it("resolves a vendor's name sources and refuses an unknown one", async () => {
    const hesai = list.vendors.find((v) => v.id === 'hesai')!;
    expect(hesai.nameSources.map((s) => s.url)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^https:\/\/github\.com\/HesaiTechnology\//)]),
    );
    const files = await readDataFiles();
    const broken = {
      ...files,
      vendors: files.vendors.map((file) =>
        file.file.endsWith('/hesai.yaml')
          ? { ...file, data: { ...(file.data as object), nameSources: ['no-such-source'] } }
          : file,
      ),
    };
    expect(() => compileWatchlist(broken)).toThrow(/data\/vendors\/hesai\.yaml: nameSources\.0: unknown source id/);
  });

  it('refuses a local name without a source', async () => {
    const files = await readDataFiles();
    const broken = {
      ...files,
      vendors: files.vendors.map((file) =>
        file.file.endsWith('/huawei.yaml')
          ? {
              ...file,
              data: { ...(file.data as object), localNames: [{ name: 'ファーウェイ', lang: 'ja', sources: [] }] },
            }
          : file,
      ),
    };
    expect(() => compileWatchlist(broken)).toThrow(/data\/vendors\/huawei\.yaml: localNames\.0\.sources/);
  });
});
