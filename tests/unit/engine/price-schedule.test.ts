/**
 * Network equipment codes written on their own in a price schedule (issue 14: "codes of Huawei switches and routers,
 * ZTE equipment and Quectel modules written on their own in a price schedule were not recognised at all"). Each line
 * is scanned alone, as one table cell with no maker in sight: a code only that maker uses is its finding at balanced;
 * the look-alike codes of other real makers (H3C's and Ruijie's switches, Atheros chips, Canon printers, Zyxel
 * firewalls) are nothing, at balanced and at broad.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../lib/engine/index';
import { compileWatchlist } from '../../../scripts/lib/compile-watchlist';
import { readDataFiles } from '../../../scripts/watchlist-build';

let balanced: Engine;
let broad: Engine;
beforeAll(async () => {
  const list = compileWatchlist(await readDataFiles());
  balanced = createEngine(list);
  broad = createEngine(list, { sensitivity: 'broad' });
}, 60_000); // compiling the list takes seconds on a loaded machine

const models = (engine: Engine, text: string) =>
  engine
    .scanText(text)
    .filter((f) => f.kind === 'model')
    .map((f) => [f.vendorId, f.evidence, f.verdict]);

/** Listed makers' codes as a schedule writes them, each with the evidence the finding must show. */
const LISTED: ReadonlyArray<[string, string, string]> = [
  ['S5735-L24P4S-A1', 'huawei', 'S5735-L24P4S-A1'],
  ['CloudEngine S6730-H24X6C', 'huawei', 'CloudEngine S6730-H24X6C'],
  ['S7706', 'huawei', 'S7706'],
  ['S12708', 'huawei', 'S12708'],
  ['AR6120', 'huawei', 'AR6120'],
  ['AR6121E-S', 'huawei', 'AR6121E-S'],
  ['AR651W-8P', 'huawei', 'AR651W-8P'],
  ['NetEngine 8000 M8', 'huawei', 'NetEngine 8000 M8'],
  ['AirEngine 5761-11', 'huawei', 'AirEngine 5761-11'],
  ['USG6525E-AC', 'huawei', 'USG6525E-AC'],
  ['MA5800-X7', 'huawei', 'MA5800-X7'],
  ['HG8245H', 'huawei', 'HG8245H'],
  ['AC6508', 'huawei', 'AC6508'],
  ['MF286D', 'zte', 'MF286D'],
  ['MF287Pro', 'zte', 'MF287Pro'],
  ['RM500Q-GL', 'quectel', 'RM500Q-GL'],
  ['BG95-M3', 'quectel', 'BG95-M3'],
  ['BG600L-M3', 'quectel', 'BG600L-M3'],
  ['BG950A-GL', 'quectel', 'BG950A-GL'],
  ['K4505-Z', 'zte', 'K4505-Z'],
  ['DS-3WAP622E-SI', 'hikvision', 'DS-3WAP622E-SI'],
  ['DS-3T1306P-SI/HS', 'hikvision', 'DS-3T1306P-SI/HS'],
  ['DS-D5043U3-1V0S', 'hikvision', 'DS-D5043U3-1V0S'],
  ['DS-E08HGHI-XB', 'hikvision', 'DS-E08HGHI-XB'],
  ['DS-PD201P10-WA', 'hikvision', 'DS-PD201P10-WA'],
];

/** Other real makers' codes of the same shapes (sources: the rules' collisions and tests/models/other-network.txt). */
const OTHERS = [
  'S5130S-28P-EI', // H3C
  'S5120-28P-SI', // H3C
  'S3100-26TP-EI', // H3C
  'S7506E', // H3C
  'RG-S5750-24GT4XS-P-L', // Ruijie
  'AR9285', // Atheros
  'AR5212', // Atheros
  'AR6003', // Atheros
  'MF634C', // Canon
  'MF4350d', // Canon
  'USG310', // Zyxel
  'USG-FLEX-200', // Zyxel
  'S3700', // Intel SSD DC S3700
  'AC1200', // a Wi-Fi speed class
  'SARA-R410M-02B', // u-blox
  'HL7800-M', // Sierra Wireless
  'K3760', // Option (Vodafone K3760)
  'DS-1630', // Epson scanner
  'DS-930L', // D-Link camera
  'E5700', // Nikon Coolpix
  'E8800', // Nikon Coolpix
];

describe('Huawei’s and Vodafone’s modem numbers need Huawei in sight', () => {
  it.each(['E220', 'E585', 'E620', 'E870', 'E1750', 'E3131s-2', 'E5377', 'K3765', 'K4505'])(
    'Huawei %s is found beside the name; alone it is at most a possible match at broad',
    (code) => {
      expect(models(balanced, `Huawei ${code} USB modem`)).toEqual([['huawei', code, 'listed-vendor']]);
      expect(models(balanced, code)).toEqual([]);
      expect(models(broad, code).map(([, , verdict]) => verdict)).toEqual(code.length < 5 ? [] : ['possible-match']);
    },
  );

  it.each(['Nikon Coolpix E5700', 'Mercedes-Benz E220 CDI', 'Option K3760 (GI0505)'])('%s is nothing', (text) => {
    expect(models(balanced, text)).toEqual([]);
    expect(models(broad, text)).toEqual([]);
  });
});

describe('the vendor’s own accessories are mentions', () => {
  it.each(['DS-1272ZJ-110', 'Bracket for Hikvision DS-1272ZJ-110', 'Hikvision DS-1280ZJ-XS junction box'])(
    '%s: every finding is a mention',
    (text) => {
      const findings = balanced.scanText(text);
      expect(findings.some((f) => f.kind === 'model' && f.vendorId === 'hikvision')).toBe(true);
      expect(findings.map((f) => f.verdict)).toEqual(findings.map(() => 'mention'));
    },
  );
});

describe('codes written alone in a price schedule', () => {
  it.each(LISTED)('%s is found at balanced, alone', (code, vendor, evidence) => {
    expect(models(balanced, code)).toEqual([[vendor, evidence, 'listed-vendor']]);
  });

  it.each(OTHERS)('%s (another maker) is nothing, at balanced and broad', (code) => {
    expect(models(balanced, code)).toEqual([]);
    expect(models(broad, code)).toEqual([]);
  });

  it('keeps a bare shared number for context: AR161 and MF286 alone are only possible matches at broad', () => {
    for (const code of ['AR161', 'MF286']) {
      expect(models(balanced, code)).toEqual([]);
      expect(models(broad, code).map(([, , verdict]) => verdict)).toEqual(['possible-match']);
    }
  });
});
