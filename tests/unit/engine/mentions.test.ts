/**
 * Mentions (issue 14 item 5): a vendor named only as what an accessory or another maker's product is for is a
 * finding with the verdict `mention`, never "listed vendor"; a product of the vendor stays a finding of the vendor.
 *
 * The titles are written in the style of real shop listings (Amazon, eBay, Temu and AliExpress accessory
 * listings put the maker they fit after "for" / "compatible with", or start with "For <maker> ..."); one is a real
 * retailer's title (batteryweb.com, "Huawei Nova HB405979ECW Replacement Battery 3.82V 2900mAh"). Both lists hold
 * traps for the other side: vendor-made accessories, vendors' products that are "compatible with" something,
 * services for the vendor's equipment.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, type Finding } from '../../../lib/engine/index';
import { mentionFlags } from '../../../lib/engine/mentions';
import { normalise } from '../../../lib/engine/normalise';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const engines = {
  balanced: createEngine(list),
  broad: createEngine(list, { sensitivity: 'broad' }),
  strict: createEngine(list, { sensitivity: 'strict' }),
};
const scan = (text: string): Finding[] => engines.balanced.scanText(text);

/** Listings that sell somebody else's accessory or device: every finding is a mention of the vendor named. */
const MENTIONS: Array<[title: string, vendors: string]> = [
  // The maker's own brackets and junction boxes (Hikvision's DS-12xxZJ codes, ModelRule.accessory): a bracket is not
  // the vendor's equipment, so its code and the name right before it are mentions (3 Dec).
  ['Bracket for Hikvision DS-1272ZJ-110', 'hikvision'],
  ['Hikvision DS-1280ZJ-XS junction box cover', 'hikvision'],
  ['Hikvision bracket DS-1272ZJ-110', 'hikvision'],
  ['Hikvision DS-1280ZJ-XS Junction Box for Turret Camera', 'hikvision'],
  ['Junction box Hikvision DS-1280ZJ-XS', 'hikvision'],
  ['Original Hikvision junction box DS-1280ZJ-DM18 for dome camera', 'hikvision'],
  ['Wall mount bracket, Hikvision DS-1272ZJ-110', 'hikvision'],
  // Phone cases and screen protectors titled after the phone they fit, as marketplaces list them (3 Dec).
  ['Huawei P30 Pro Case, Shockproof Silicone Cover', 'huawei'],
  ['Xiaomi Redmi Note 12 Hülle Silikon', 'xiaomi'],
  ['OPPO Reno 8 tempered glass, 2 pack', 'oppo'],
  ['Lens protector Xiaomi 13 Pro', 'xiaomi'],
  ['Panzerglas Huawei P30 Lite', 'huawei'],
  ['Waterproof Junction Box Compatible with Hikvision Turret Cameras, Aluminium', 'hikvision'],
  ['PoE Injector Compatible with Hikvision, Dahua, Uniview IP Cameras, 48V 802.3af', 'hikvision dahua uniview'],
  ['Junction Box for Hikvision Dome Camera DS-2CD2143G2-I, Waterproof IP66', 'hikvision'],
  ['Replacement Mount for Hikvision Turret Camera, Wall Bracket', 'hikvision'],
  ['Wall Mount Bracket for Hikvision Dahua Bullet Cameras, Aluminium Alloy', 'hikvision dahua'],
  ['Sun Shield Rain Cover for Hikvision Bullet Camera', 'hikvision'],
  ['12V 2A Power Supply Adapter for Hikvision Dahua CCTV Camera', 'hikvision dahua'],
  ['Lens Cover Replacement for Hikvision DS-2CD2143G2-I Dome', 'hikvision'],
  ['For Hikvision DS-2CD2143G2-I Replacement Dome Bubble Cover', 'hikvision'],
  ['Universal Pole Mount Adapter Compatible with Hikvision & Dahua PTZ', 'hikvision dahua'],
  ['Ceiling Mount Bracket Fits Hikvision Dome Cameras', 'hikvision'],
  ['Works with Hikvision NVR: 4MP PoE IP Camera, ONVIF, Night Vision', 'hikvision'],
  ['4MP PoE IP Camera Compatible with Hikvision NVR, Outdoor', 'hikvision'],
  ['8MP IP Camera for Hikvision NVR, Hik-Connect Compatible', 'hikvision'],
  ['Hikvision Compatible 5MP Turret Camera, Starlight', 'hikvision'],
  ['Hikvision/Dahua Compatible 8-Channel PoE Switch', 'hikvision dahua'],
  ['Hikvision Turret Camera Compatible Junction Box, Grey', 'hikvision'],
  ['Hikvision DS-2CD2143G2-I Compatible Junction Box', 'hikvision'],
  ['Junction box Hikvision Dahua Uniview, universal, IP65', 'hikvision dahua uniview'],
  ['Waterproof Junction Box Hikvision Turret', 'hikvision'],
  ['Replacement Battery for Huawei E5577 Mobile WiFi Router 1500mAh', 'huawei'],
  ['Huawei Nova HB405979ECW Replacement Battery 3.82V 2900mAh', 'huawei'],
  ['Case for Huawei P30 Pro, Shockproof TPU Cover', 'huawei'],
  ['Screen Protector for Huawei Mate 20 Pro, Tempered Glass', 'huawei'],
  ['Huawei Mate 20 Pro Replacement Screen Display', 'huawei'],
  ['External 4G LTE Antenna for Huawei B593 B315 Router, TS9 Connector', 'huawei'],
  ['Charger for DJI Mini 3 Pro Battery, 2-Way Charging Hub', 'dji'],
  ['Propeller Guard Compatible with DJI Mini 3, Accessories', 'dji'],
  ['ND Filters for DJI Osmo Action 4, 3 Pack', 'dji'],
  ['Landing Pad for DJI Drones, 55cm Waterproof, Foldable', 'dji'],
  ['Sunshade Hood for EZVIZ C3N Outdoor Camera', 'hikvision'],
  ['Wall Mount for HiLook Turret Cameras', 'hikvision'],
  ['Replacement Remote Control for Hikvision DVR', 'hikvision'],
  ['Quick Release Mount for Uniview Bullet Camera', 'uniview'],
  ['Battery Charger for Hytera Radios, Desktop', 'hytera'],
  ['Mini PCIe to USB Adapter for Quectel EC25 4G Module', 'quectel'],
  ['M.2 to USB 3.0 adapter compatible with Quectel and Fibocom 5G modules', 'quectel fibocom'],
  ['Suitable for ZTE MF971 Mobile Hotspot: Replacement Battery Li3934T44P4h', 'zte'],
  ['Kompatibel mit Hikvision und Dahua: Anschlussdose für Dome-Kameras', 'hikvision dahua'],
  ['Wandhalterung passend für Hikvision Bullet Kamera', 'hikvision'],
  ['Netzteil für Hikvision Kamera 12V 1A', 'hikvision'],
  ['Halterung für Hikvision Dome, Aluminium', 'hikvision'],
  ['Support mural compatible avec caméras Hikvision et Dahua', 'hikvision dahua'],
  ['Boîte de jonction pour caméra Hikvision', 'hikvision'],
  ['Soporte de pared para cámara Dahua domo', 'dahua'],
  ['Fuente de alimentación compatible con Hikvision 12V 2A', 'hikvision'],
  ['适用于海康威视摄像机支架 壁装', 'hikvision'],
  ['兼容海康威视、大华 POE供电模块', 'hikvision dahua'],
  ['適用於海康威視攝影機 防水接線盒', 'hikvision'],
  ['Hikvision用 ブラケット 壁掛け', 'hikvision'],
  ['Hikvision対応 ジャンクションボックス', 'hikvision'],
];

/** Listings of the vendor's own products (or text about its equipment): no finding is a mention. */
const PRODUCTS: Array<[title: string, vendors: string]> = [
  // A case study (3 Dec).
  ['Hikvision DS-2CD2143G2-I case study: a school in Leeds', 'hikvision'],
  ['The Huawei case went to court in 2019', 'huawei'],
  ['Hikvision DS-2CD2143G2-I dome camera with junction box', 'hikvision'],
  ['Hikvision 4MP ColorVu PoE Turret Camera DS-2CD1347G0-L 2.8mm', 'hikvision'],
  ['Dahua IPC-HFW2431S-S-S2 4MP Bullet Camera, compatible with PoE switches', 'dahua'],
  ['Huawei B535 4G Router, compatible with all networks', 'huawei'],
  ['Maintenance services for Huawei network equipment', 'huawei'],
  ['Support for Huawei routers and switches until 2027', 'huawei'],
  ['Deals for Hikvision cameras this week', 'hikvision'],
  ['EZVIZ C6N Indoor Wi-Fi Camera, compatible with Alexa', 'hikvision'],
  ['Quectel EC25-E Mini PCIe 4G LTE module for IoT gateways', 'quectel'],
  ['DJI Mini 3 Pro drone with RC controller', 'dji'],
  ['Hikvision DS-7608NI-K2 8-Channel NVR for IP cameras', 'hikvision'],
  ['Uniview IPC2124LB-SF28KM-G 4MP Bullet Camera with mount', 'uniview'],
  ['Hikvision DS-2CD2143G2-I, suitable for outdoor use', 'hikvision'],
  ['Dahua 8MP camera for outdoor use, wall mount included', 'dahua'],
  ['ZTE MF971 4G Mobile Hotspot, replacement for your old router', 'zte'],
  ['Huawei P30 Pro smartphone with replacement battery', 'huawei'],
  ['Hikvision Kamera DS-2CD2143G2-I für außen', 'hikvision'],
  ['Caméra Hikvision DS-2CD2143G2-I pour extérieur', 'hikvision'],
  ['Cámara Dahua IPC-HDW1431T para exterior', 'dahua'],
  ['海康威视 DS-2CD2143G2-I 网络摄像机 支持海康互联', 'hikvision'],
  ['大华摄像头 兼容ONVIF协议', 'dahua'],
  ['Huawei MateBook D14 laptop with charger', 'huawei'],
  ['Hikvision PoE injector DS-1H18S', 'hikvision'],
  ['Hikvision camera mount for ceiling installation', 'hikvision'],
  ['Dahua PFA111 mount adapter', 'dahua'],
  ['Huawei 华为用户手册 (user manual) for the B535 router', 'huawei'],
  ['Hytera PD785 DMR radio with charger and antenna', 'hytera'],
  ['Results: Hikvision 4MP turret cameras', 'hikvision'],
  ['Supply of CCTV cameras (Hikvision or equivalent) for the council depot', 'hikvision'],
  ['Li Dahua camera review', ''],
  ['Some devices only support Scheme B. For example, all TP-LINK PoE switches adopt Scheme A.', 'tp-link'],
  ['For Quectel EC21 this is ">= 100 ms".', 'quectel'],
];

/** Listings that name the vendor's product and, elsewhere, what it works with: [evidence, verdict] in order. */
const MIXED: Array<[title: string, findings: Array<[evidence: string, verdict: Finding['verdict']]>]> = [
  // Hikvision's own app named as what a product works with is a mention of Hikvision (the app is known since 3 Dec).
  [
    'Dahua camera compatible with ONVIF / Hik-Connect app',
    [
      ['Dahua', 'listed-vendor'],
      ['Hik-Connect', 'mention'],
    ],
  ],
  [
    'HiLook IPC-B140H 4MP bullet camera, works with Hik-Connect',
    [
      ['HiLook', 'brand-of-listed-vendor'],
      ['IPC-B140H', 'brand-of-listed-vendor'],
      ['Hik-Connect', 'mention'],
    ],
  ],
  [
    'Hikvision DS-2CD2143G2-I dome camera, compatible with Hikvision NVR',
    [
      ['Hikvision', 'listed-vendor'],
      ['DS-2CD2143G2-I', 'listed-vendor'],
      ['Hikvision', 'mention'],
    ],
  ],
  [
    'Hikvision DS-1280ZJ-DM18 junction box for Hikvision dome cameras',
    [
      ['Hikvision', 'mention'],
      ['DS-1280ZJ-DM18', 'mention'],
      ['Hikvision', 'mention'],
    ],
  ],
  // A camera with the maker's own junction box: the camera is the product, the junction box a mention.
  [
    'Hikvision DS-2CD2143G2-I with DS-1280ZJ-XS junction box',
    [
      ['Hikvision', 'listed-vendor'],
      ['DS-2CD2143G2-I', 'listed-vendor'],
      ['DS-1280ZJ-XS', 'mention'],
    ],
  ],
  [
    'Replacement for Hikvision DS-2CD2043G2-I, Hikvision DS-1280ZJ-XS junction box',
    [
      ['Hikvision', 'mention'],
      ['DS-2CD2043G2-I', 'mention'],
      ['Hikvision', 'mention'],
      ['DS-1280ZJ-XS', 'mention'],
    ],
  ],
  [
    'Junction box for Hikvision DS-2CD2043G2-I, Dahua IPC-HDW2431T-AS-S2 cameras',
    [
      ['Hikvision', 'mention'],
      ['DS-2CD2043G2-I', 'mention'],
      ['Dahua', 'mention'],
      ['IPC-HDW2431T-AS-S2', 'mention'],
    ],
  ],
  [
    'Dahua IPC-HFW2431S-S-S2 bullet, replacement for Hikvision DS-2CD2043G2-I',
    [
      ['Dahua', 'listed-vendor'],
      ['IPC-HFW2431S-S-S2', 'listed-vendor'],
      ['Hikvision', 'mention'],
      ['DS-2CD2043G2-I', 'mention'],
    ],
  ],
];

const vendorsOf = (findings: Finding[]) => [...new Set(findings.map((f) => f.vendorId))].sort().join(' ');
const sorted = (vendors: string) => vendors.split(' ').filter(Boolean).sort().join(' ');

describe('mentions: accessories and compatible products', () => {
  it('holds a labelled set of at least 60 titles, both ways', () => {
    expect(MENTIONS.length + PRODUCTS.length + MIXED.length).toBeGreaterThanOrEqual(60);
    expect(MENTIONS.length).toBeGreaterThanOrEqual(25);
    expect(PRODUCTS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(MENTIONS)('mention: %s', (title, vendors) => {
    const findings = scan(title);
    expect(vendorsOf(findings), 'still a finding of each vendor named').toBe(sorted(vendors));
    expect(findings.map((f) => `${f.evidence}:${f.verdict}`)).toEqual(findings.map((f) => `${f.evidence}:mention`));
  });

  it.each(PRODUCTS)('product: %s', (title, vendors) => {
    const findings = scan(title);
    expect(vendorsOf(findings)).toBe(sorted(vendors));
    expect(findings.filter((f) => f.verdict === 'mention').map((f) => f.evidence)).toEqual([]);
  });

  it.each(MIXED)('mixed: %s', (title, expected) => {
    expect(scan(title).map((f) => [f.evidence, f.verdict])).toEqual(expected);
  });

  it('is the same at every sensitivity that finds the name', () => {
    const title = 'PoE Injector Compatible with Hikvision, Dahua';
    for (const engine of Object.values(engines)) {
      expect(engine.scanText(title).map((f) => f.verdict)).toEqual(['mention', 'mention']);
    }
  });

  it('covers a misspelt name and a brand too', () => {
    expect(engines.broad.scanText('Junction box compatible with Hikvison cameras')).toMatchObject([
      { kind: 'fuzzy', verdict: 'mention', resembles: 'Hikvision' },
    ]);
    expect(scan('Wall mount for HiLook turret')).toMatchObject([
      { kind: 'brand', verdict: 'mention', brand: { name: 'HiLook' } },
    ]);
  });

  it('never changes what is found, only the verdict', () => {
    for (const [title] of [...MENTIONS, ...PRODUCTS]) {
      const findings = scan(title);
      // The same title with every trigger word removed finds the same spans.
      expect(findings.every((f) => title.slice(f.start, f.end) === f.evidence)).toBe(true);
    }
  });
});

describe('mentionFlags', () => {
  const flags = (text: string, spans: Array<[string, boolean]>) => {
    const { text: norm } = normalise(text);
    let from = 0;
    const hits = spans.map(([word, named]) => {
      const start = norm.indexOf(word.toLowerCase(), from);
      from = start + word.length;
      return { start, end: start + word.length, named };
    });
    return mentionFlags(norm, hits);
  };

  it('answers null when nothing is a mention, so the engine pays nothing for ordinary titles', () => {
    expect(flags('Hikvision DS-2CD2143G2-I dome', [['Hikvision', true]])).toBeNull();
  });

  it('passes a mention along a list, but not past a clause', () => {
    expect(
      flags('for Hikvision, Dahua and Uniview cameras. Hikvision DS-2CD2143G2-I', [
        ['Hikvision', true],
        ['Dahua', true],
        ['Uniview', true],
        ['Hikvision', true],
        ['DS-2CD2143G2-I', false],
      ]),
    ).toEqual([true, true, true, false, false]);
  });

  it('takes an accessory noun before a name only for names, and not before a code', () => {
    expect(flags('mount DS-2CD2143G2-I', [['DS-2CD2143G2-I', false]])).toBeNull();
    expect(flags('mount Hikvision', [['Hikvision', true]])).toEqual([true]);
  });
});
