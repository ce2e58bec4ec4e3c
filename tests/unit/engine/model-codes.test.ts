/**
 * How a model code is cut out of the text: two whole codes of one maker joined by '/' are two findings, a variant
 * after '/' stays part of its code, and a one-letter hardware revision in brackets belongs to the code. And a
 * vendor's name spelt as pinyin syllables inside a longer Chinese name (a restaurant, a person) is not the vendor.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../lib/engine/index';
import { compileWatchlist } from '../../../scripts/lib/compile-watchlist';
import { readDataFiles } from '../../../scripts/watchlist-build';

let engine: Engine;
let broad: Engine;
beforeAll(async () => {
  const list = compileWatchlist(await readDataFiles());
  engine = createEngine(list);
  broad = createEngine(list, { sensitivity: 'broad' });
}, 60_000); // compiling the list takes seconds on a loaded machine

const codes = (text: string, on: Engine = engine) =>
  on
    .scanText(text)
    .filter((f) => f.kind === 'model')
    .map((f) => [f.vendorId, f.evidence]);

describe('model codes in a token', () => {
  it('splits two whole codes of one maker joined by a slash', () => {
    expect(codes('USB modem - Huawei E3372h-153/E3372s-153 (in StickMode)')).toEqual([
      ['huawei', 'E3372h-153'],
      ['huawei', 'E3372s-153'],
    ]);
    expect(codes('DS-2CD2143G2-I/DS-2CD2347G2-LU')).toEqual([
      ['hikvision', 'DS-2CD2143G2-I'],
      ['hikvision', 'DS-2CD2347G2-LU'],
    ]);
  });

  it('takes the code before a slash that lists other numbers of its family, and each number its rule takes', () => {
    expect(codes('quectel: add support for EM120/160 PCIe modules')).toEqual([
      ['quectel', 'EM120'],
      ['quectel', '160'],
    ]);
    expect(codes('Hikvision DS-7608NI-K2/8P')).toEqual([['hikvision', 'DS-7608NI-K2/8P']]);
  });

  it('keeps a variant after the slash as part of the code', () => {
    expect(codes('DS-2CD2387G2P-LSU/SL, DS-7608NI-K2/8P and DS-7716NXI-I4/16P/S')).toEqual([
      ['hikvision', 'DS-2CD2387G2P-LSU/SL'],
      ['hikvision', 'DS-7608NI-K2/8P'],
      ['hikvision', 'DS-7716NXI-I4/16P/S'],
    ]);
  });

  it('takes a one-letter revision in brackets as part of the code, and nothing longer', () => {
    expect(codes('HiLook IPC-D140H(C) User Manual')).toEqual([['hikvision', 'IPC-D140H(C)']]);
    expect(codes('DS-KV6113-WPE1(C)(S) door station')).toEqual([['hikvision', 'DS-KV6113-WPE1(C)(S)']]);
    expect(codes('DS-2CD2143G2-I(4mm) and DS-2CD2143G2-I (C)')).toEqual([
      ['hikvision', 'DS-2CD2143G2-I'],
      ['hikvision', 'DS-2CD2143G2-I'],
    ]);
  });

  it('recognises Quectel numbers that carry a chipset letter with no maker in sight, and not the short ones', () => {
    expect(codes('RM520N-GL')).toEqual([['quectel', 'RM520N-GL']]);
    expect(codes('EM060K')).toEqual([['quectel', 'EM060K']]);
    expect(codes('EC25')).toEqual([]);
    expect(codes('EM120')).toEqual([]);
    expect(codes('Quectel EM120 and EM160 modules')).toEqual([
      ['quectel', 'EM120'],
      ['quectel', 'EM160'],
    ]);
    // Other makers' codes in the same shapes: Anbernic handhelds, Sierra and Sony modules.
    for (const other of ['RG351P', 'RG353V', 'RG505', 'EM7565', 'EM600']) expect(codes(other, broad)).toEqual([]);
  });
});

describe('lists of codes joined by slashes', () => {
  // Real lists, as published: the Linux USB ID list (usb.ids 2025.07.26, hwdata 0.368) under ZTE's 19d2, Huawei's
  // 12d1 and Quectel's 2c7c, as lsusb prints them; barnybug/gohome's README; an OpenWrt forum thread on the ZTE MF286R
  // (forum.openwrt.org/t/problem-with-modem-in-zte-mf286r/120988/40).
  it('finds every code of the list, each with the maker named once for all', () => {
    expect(codes('Bus 001 Device 003: ID 19d2:0031 ZTE WCDMA Technologies MSM MF110/MF627/MF636')).toEqual([
      ['zte', 'MF110'],
      ['zte', 'MF627'],
      ['zte', 'MF636'],
    ]);
    expect(codes('ZTE WCDMA Technologies MSM MF627/MF628/MF628+/MF636+ HSDPA/HSUPA')).toEqual([
      ['zte', 'MF627'],
      ['zte', 'MF628'],
      ['zte', 'MF628+'],
      ['zte', 'MF636+'],
    ]);
    expect(codes('ZTE 3g modem (ZTE MF110/MF627/MF636, SMS support)')).toEqual([
      ['zte', 'MF110'],
      ['zte', 'MF627'],
      ['zte', 'MF636'],
    ]);
    expect(
      codes(
        'Problem with modem in ZTE MF286R. One more thing: does anyone here have MF823/MF831/MF910, and could share',
      ),
    ).toEqual([
      ['zte', 'MF286R'],
      ['zte', 'MF823'],
      ['zte', 'MF831'],
      ['zte', 'MF910'],
    ]);
    expect(codes('Huawei Technologies Co., Ltd. E161/E169/E620/E800 HSDPA Modem')).toEqual([
      ['huawei', 'E161'],
      ['huawei', 'E169'],
      ['huawei', 'E620'],
      ['huawei', 'E800'],
    ]);
    expect(codes('Huawei Technologies Co., Ltd. E220 HSDPA Modem / E230/E270/E870 HSDPA/HSUPA Modem')).toEqual([
      ['huawei', 'E220'],
      ['huawei', 'E230'],
      ['huawei', 'E270'],
      ['huawei', 'E870'],
    ]);
    expect(codes('Quectel Wireless Solutions Co., Ltd. EG06/EP06/EM06 LTE-A modem')).toEqual([
      ['quectel', 'EG06'],
      ['quectel', 'EP06'],
      ['quectel', 'EM06'],
    ]);
  });

  it('finds every code of a supported-devices list (4IceG/luci-app-3ginfo-lite README)', () => {
    expect(codes(' - Quectel EM12/EM160R-GL\n - ZTE MF286/MF286A/MF289F HW AT2\n - Huawei E3372/E3276')).toEqual([
      ['quectel', 'EM12'],
      ['quectel', 'EM160R-GL'],
      ['zte', 'MF286'],
      ['zte', 'MF286A'],
      ['zte', 'MF289F'],
      ['huawei', 'E3372'],
      ['huawei', 'E3276'],
    ]);
    for (const other of [' - Telit Ln940 / HP lt4220', ' - Sierra Wireless MC7710', ' - BroadMobi BM806U']) {
      expect(codes(other, broad), other).toEqual([]);
    }
  });

  it('takes a code that is its maker’s alone as naming the maker for the other codes of its list', () => {
    // The README's lines with the maker's name left out, as a shop title might write them.
    expect(codes('EM12/EM160R-GL')).toEqual([
      ['quectel', 'EM12'],
      ['quectel', 'EM160R-GL'],
    ]);
    expect(codes('MF286/MF286A/MF289F')).toEqual([
      ['zte', 'MF286'],
      ['zte', 'MF286A'],
      ['zte', 'MF289F'],
    ]);
    // Not across makers: ZTE's K4505-Z says nothing of Huawei's K4505, Hikvision's camera nothing of a Huawei modem.
    expect(codes('K4505-Z/K4505')).toEqual([['zte', 'K4505-Z']]);
    expect(codes('DS-2CD2143G2-I/E3372')).toEqual([['hikvision', 'DS-2CD2143G2-I']]);
    expect(codes('EC20/EC25')).toEqual([]);
  });

  it('judges each code on its own: a listed code needs its maker as much as one written alone', () => {
    expect(codes('MF110/MF627/MF636')).toEqual([]);
    expect(broad.scanText('MF110/MF627/MF636').map((f) => [f.evidence, f.verdict])).toEqual([
      ['MF110', 'possible-match'],
      ['MF627', 'possible-match'],
      ['MF636', 'possible-match'],
    ]);
    // Codes of two makers: each found for its own maker, not the whole token for the first.
    expect(codes('Dahua and Hikvision: DS-2CD2143G2-I/IPC-HFW2431S-S-S2')).toEqual([
      ['hikvision', 'DS-2CD2143G2-I'],
      ['dahua', 'IPC-HFW2431S-S-S2'],
    ]);
  });

  it('keeps variants after a slash with their code, in a list too', () => {
    expect(codes('Hikvision DS-7608NI-K2/8P/DS-7616NI-K2/16P')).toEqual([
      ['hikvision', 'DS-7608NI-K2/8P'],
      ['hikvision', 'DS-7616NI-K2/16P'],
    ]);
    expect(codes('DS-2CD2T47G2-L/SL and DS-2CD2387G2P-LSU/SL/DS-2CD2T47G2-L/SL')).toEqual([
      ['hikvision', 'DS-2CD2T47G2-L/SL'],
      ['hikvision', 'DS-2CD2387G2P-LSU/SL'],
      ['hikvision', 'DS-2CD2T47G2-L/SL'],
    ]);
  });

  it('leaves other makers’ slash lists, dates and sizes alone, at any sensitivity', () => {
    for (const text of [
      'Canon i-SENSYS MF634C/MF635C',
      'Canon MF3010/MF4410/MF4450 toner',
      'Netgear AirCard AC790S/AC810S',
      // usb.ids product names under other makers' vendor IDs.
      'OpenMoko, Inc. Sony NWZ-E370/E380 series (Rockbox)',
      'Motorola PCS A835/E1000 GSM Phone (P2K)',
      'Fujian Newland Computer Co., Ltd EM3080-01/EM3095/FR20/FM30 Barcode scanner engine (HID keyboard)',
      'Fujian Newland Computer Co., Ltd FM100-M/3250 Barcode scanner engine (HID keyboard)',
      'Meilhaus Electronic GmbH ME-6000I/16/DIO',
      'delivered 12/05/2026, 1920/1080 at 25/30 fps',
    ]) {
      expect(codes(text, broad), text).toEqual([]);
    }
  });
});

describe('Dahua’s switches', () => {
  it('finds the cloud-managed range written whole, with or without the maker or the DH- prefix', () => {
    // Dahua's quick start guide (ManualsPro's copy) and the NetBox device type citing Dahua's product page.
    expect(codes('dahua CS4218-16ET-135 Ethernet Cloud Managed PoE Switch User Guide')).toEqual([
      ['dahua', 'CS4218-16ET-135'],
    ]);
    expect(codes('CS4006-4ET2GT-36 desktop switch')).toEqual([['dahua', 'CS4006-4ET2GT-36']]);
    expect(codes('DH-CS4006-4ET2GT-36')).toEqual([['dahua', 'DH-CS4006-4ET2GT-36']]);
  });

  it('needs the ports and the PoE budget: CS and four digits is also a course code', () => {
    for (const text of [
      'NUS CS4218 Software Testing, with CS2103 as a prerequisite',
      'package sg.edu.nus.comp.cs4218.impl.app;',
      'Ubiquiti EdgeSwitch ES-16-150W and ES-24-250W',
      'TP-Link CS320 camera',
    ]) {
      expect(codes(text, broad), text).toEqual([]);
    }
  });
});

describe('lidars (Hesai, RoboSense)', () => {
  // The makers' own lists of supported models: HesaiLidar_SDK_2.0's README, RoboSense's rs_driver README.
  it('finds Hesai’s Pandar names and versioned codes alone, and the bare line and count beside the maker', () => {
    expect(codes('Pandar128E3X, AT128E2X, QT128C2X, XT32M2X and PandarXT-32')).toEqual([
      ['hesai', 'Pandar128E3X'],
      ['hesai', 'AT128E2X'],
      ['hesai', 'QT128C2X'],
      ['hesai', 'XT32M2X'],
      ['hesai', 'PandarXT-32'],
    ]);
    expect(codes('Hesai AT128, OT128 and JT16')).toEqual([
      ['hesai', 'AT128'],
      ['hesai', 'OT128'],
      ['hesai', 'JT16'],
    ]);
    expect(codes('禾赛AT128激光雷达')).toEqual([['hesai', 'AT128']]);
  });

  it('finds RoboSense’s RS- line names with a number', () => {
    expect(codes('RS-LiDAR-16, RS-LiDAR-M1, RS-Helios-16P and RS-Ruby-Plus-128')).toEqual([
      ['robosense', 'RS-LiDAR-16'],
      ['robosense', 'RS-LiDAR-M1'],
      ['robosense', 'RS-Helios-16P'],
      ['robosense', 'RS-Ruby-Plus-128'],
    ]);
  });

  it('leaves the serial standards and other makers’ short codes alone', () => {
    // usb.ids: Moxa's "RS-232/422/485", Atmel's AT86RF230, Ingram's XT300; Escam's QT500 camera (Strix).
    for (const text of [
      'Moxa RS-232/422/485 adapter',
      'RS-485 to RS-232 converter',
      'Atmel AT86RF230',
      'XT300',
      'Escam QT500',
    ]) {
      expect(codes(text, broad), text).toEqual([]);
    }
    // A bare line and count is no more than a guess without the maker.
    expect(codes('AT128 and OT128')).toEqual([]);
    expect(broad.scanText('AT128 and OT128').map((f) => f.verdict)).toEqual(['possible-match', 'possible-match']);
  });
});

describe('a name in pinyin syllables inside a longer Chinese name', () => {
  it('is not the vendor when another syllable follows or a surname precedes', () => {
    expect(engine.scanText("Sherman's Food Adventures: Hua Wei Ju")).toEqual([]);
    expect(engine.scanText('There are a few attractive things about Hua Wei Ju, including its location')).toEqual([]);
    expect(engine.scanText('Li Hua Wei said the shop was closed')).toEqual([]);
  });

  it('is still the vendor when spelt apart before other words', () => {
    expect(engine.scanText('Hua Wei Technologies supplied the routers').map((f) => f.vendorId)).toEqual(['huawei']);
    expect(engine.scanText('a Hua Wei router').map((f) => f.vendorId)).toEqual(['huawei']);
    expect(engine.scanText('Huawei Ju').map((f) => f.vendorId)).toEqual(['huawei']);
  });
});

describe('products named in words and numbers (DJI, Autel Robotics)', () => {
  it('finds the whole product name from its line word', () => {
    expect(codes('The DJI Phantom 4 RTK drone contains a 20 megapixel camera')).toEqual([['dji', 'Phantom 4 RTK']]);
    expect(codes('two DJI Matrice 30T drones and the much larger Matrice 600 Pro')).toEqual([
      ['dji', 'Matrice 30T'],
      ['dji', 'Matrice 600 Pro'],
    ]);
    expect(codes('Mavic 2 Enterprise Dual, Agras T40 and a Zenmuse H20T')).toEqual([
      ['dji', 'Mavic 2 Enterprise Dual'],
      ['dji', 'Agras T40'],
      ['dji', 'Zenmuse H20T'],
    ]);
    expect(codes('采购大疆Mavic 3无人机')).toEqual([['dji', 'Mavic 3']]);
    expect(codes('EVO II Dual 640T V3 and EVO Max 4T')).toEqual([
      ['autel', 'EVO II Dual 640T V3'],
      ['autel', 'EVO Max 4T'],
    ]);
  });

  it('needs the maker named for line words that are ordinary words, and guesses only at broad', () => {
    expect(codes('Phantom 4 RTK')).toEqual([]);
    expect(codes('Avata 2 with goggles')).toEqual([]);
    expect(broad.scanText('Phantom 4 RTK')).toMatchObject([
      { vendorId: 'dji', verdict: 'possible-match', basis: 'guess' },
    ]);
  });

  it('takes DJI’s short enterprise names (Payload SDK aircraft types) only with DJI named', () => {
    expect(codes('DJI M30T and M350 RTK with a Zenmuse H20T')).toEqual([
      ['dji', 'M30T'],
      ['dji', 'M350'],
      ['dji', 'Zenmuse H20T'],
    ]);
    for (const text of ['M30T', 'M300 and M350, M30 bolts', 'BMW M30 engine', 'Axis M3007-PV']) {
      expect(codes(text, broad), text).toEqual([]);
    }
  });

  it('leaves other makers and other languages alone', () => {
    for (const text of [
      'Samsung 970 EVO Plus SSD and an Audient EVO 4 interface',
      'une matrice 4 x 4 et la matrice 100',
      'voit avata ikkunan',
      'The Phantom of the Opera',
      'inspire 3 students',
    ]) {
      expect(codes(text, broad), text).toEqual([]);
    }
  });
});

describe("Dahua's software by name", () => {
  it('finds SmartPSS, SmartPSS Lite and SmartPSS-AC with no maker in sight', () => {
    // Dahua's manuals: "SmartPSS Lite User's Manual", "SmartPSS-AC User's Manual", "Login SmartPSS".
    expect(codes('SmartPSS Lite and SmartPSS-AC clients')).toEqual([
      ['dahua', 'SmartPSS Lite'],
      ['dahua', 'SmartPSS-AC'],
    ]);
    expect(codes('2.2 Login SmartPSS')).toEqual([['dahua', 'SmartPSS']]);
  });

  it('gives a mention, not a product, when the software is named as compatible', () => {
    const found = engine.scanText('4MP camera, works with SmartPSS').filter((f) => f.kind === 'model');
    expect(found.map((f) => [f.vendorId, f.evidence, f.verdict])).toEqual([['dahua', 'SmartPSS', 'mention']]);
  });

  it('leaves DSS and other PSS names alone, at broad', () => {
    for (const text of [
      // Dahua's DSS platforms are not taken (see data/vendors/dahua.yaml): "DSS" is too many other things.
      'DSS Professional V8.4.0 and DSS Express V8.1.1',
      'PCI DSS expressly forbids storing the card verification code',
      'The DSS Pro format (Olympus dictation) and DSS Player Pro',
      'Connect with DSS professional operations teams on LinkedIn',
      'Smart PSS power supply',
      'SmartPS 24V supply',
    ])
      expect(codes(text, broad)).toEqual([]);
  });
});

describe('shortened lists: the numbers after a code, its letters left out', () => {
  // Real lists: the Linux kernel's cdc_ether driver ("A firmware bug observed on some devices (ZTE MF823/831/910)",
  // drivers/net/usb/cdc_ether.c, from commit bfe9b9d2df66 "cdc_ether: Improve ZTE MF823/831/910 handling", 2016);
  // a Lubuntu forum post of 2019-05-14 ("detected as different zte model (mf627/628-636)"), and the lists of the brief.
  it("reads each number with the head's letters put back, when the maker's rule takes the code so made", () => {
    expect(codes('cdc_ether: Improve ZTE MF823/831/910 handling')).toEqual([
      ['zte', 'MF823'],
      ['zte', '831'],
      ['zte', '910'],
    ]);
    expect(codes('3g usb modem zte k3565z model is detected as different zte model (mf627/628-636)')).toEqual([
      ['zte', 'k3565z'],
      ['zte', 'mf627'],
      ['zte', '628'],
      ['zte', '636'],
    ]);
    expect(codes('Huawei E1750/1752/1820 USB sticks')).toEqual([
      ['huawei', 'E1750'],
      ['huawei', '1752'],
      ['huawei', '1820'],
    ]);
    expect(codes('Quectel RM500Q/520N')).toEqual([
      ['quectel', 'RM500Q'],
      ['quectel', '520N'],
    ]);
    // After a list of whole codes, too.
    expect(codes('ZTE MF190/MF627/628/636')).toEqual([
      ['zte', 'MF190'],
      ['zte', 'MF627'],
      ['zte', '628'],
      ['zte', '636'],
    ]);
  });

  it('takes the code before short variants its rule does not write with a slash', () => {
    // Huawei's OLT chassis (MA5800-X7, -X15, -X17) as tenders list them; usb.ids 19d2:2000's "MF632/ONDA ET502HS".
    expect(codes('Huawei MA5800-X7/X15/X17 OLT')).toEqual([['huawei', 'MA5800-X7']]);
    expect(codes('ZTE WCDMA Technologies MSM MF632/ONDA ET502HS/MT505UP')).toEqual([['zte', 'MF632']]);
    expect(codes('None of K125/E173/B023 are registered by this pass', broad)).toEqual([]);
  });

  it('needs the maker, as the codes written whole would, and makes no guess of a bare number', () => {
    expect(codes('at least the MF823/831/910 modems')).toEqual([]);
    expect(codes('at least the MF823/831/910 modems', broad)).toEqual([['zte', 'MF823']]);
  });

  it("takes no number of another digit count, and nothing after a date, a size or another maker's code", () => {
    expect(codes('Huawei E173/1750')).toEqual([['huawei', 'E173']]);
    for (const text of [
      'delivered 12/06/2024, 1920/1080 at 25/30 fps',
      'AJ_Kettle, Dec25/2017; Jan14/2018: modified to remove original measurements',
      'Pick Up Date / Time: 30NOV25/1300, Drop Off: 05DEC25/2000',
      '1 x M.2 B Key Connector for LTE module (Sierra EM7455/7430), with SIM holder',
      'None of K125/E173/B023 are registered by this pass',
      'Canon i-SENSYS MF3010/4410/4450 and Canon PIXMA MP250/270/280',
      'Telit LE910/920, Sierra MC7304/7354, Brother MFC8600/9650, Samsung CLP-521/621/631',
      'Sony NWZ-E370/380',
    ])
      expect(codes(text, broad)).toEqual([]);
  });
});

describe("MeiG's modules written with the short maker name", () => {
  // As integrators and manual sites write them: "Cudy LT300 v3 | MeiG SLM770A", "MEIG SLM332L LTE Cat 1 module".
  it('takes "MeiG" and the module code together, and "MeiG" alone never', () => {
    expect(codes('Cudy LT300 v3 | MeiG SLM770A | NCM')).toEqual([['meig', 'MeiG SLM770A']]);
    expect(codes('MEIG SLM332L LTE Cat 1 module')).toEqual([['meig', 'MEIG SLM332L']]);
    expect(codes('MeiG SRM815-EA 5G module')).toEqual([['meig', 'MeiG SRM815-EA']]);
    expect(codes('MeiG Smart SLM750')).toEqual([['meig', 'SLM750']]);
    for (const text of ['Loch Meig and the River Meig', 'MeiG SIM7600 clone', 'SLM750 alone'])
      expect(codes(text)).toEqual([]);
    expect(broad.scanText('Loch Meig and the River Meig')).toEqual([]);
  });
});

describe("Quectel's older LTE codes written with their variant", () => {
  // As sellers and integrators list them: 4IceG/luci-app-modemband's README ("Quectel EG06-E", "Quectel EG18-EA",
  // "Quectel EM12-G", "Quectel EP06-E").
  it('takes them with no maker in sight', () => {
    expect(codes('EM12-G, EP06-E, EG06-E and EG18-EA')).toEqual([
      ['quectel', 'EM12-G'],
      ['quectel', 'EP06-E'],
      ['quectel', 'EG06-E'],
      ['quectel', 'EG18-EA'],
    ]);
  });

  it('leaves the bare families, other suffixes and look-alikes to the rule that needs the maker', () => {
    for (const text of [
      'EC25 and EM12 alone',
      // EG25-G, EC25-E and the other EC2x codes need the maker (see block-context and table-context tests).
      'LTE module EC25-E, mini PCIe; LTE Cat 4 EC25-EUX mini-PCIe; PinePhone EG25-G modem',
      'server/tests/unit/b63-item12-geometry-override.test.ts',
      'Sierra Wireless EM7455/MC7455/DW5811e',
    ])
      expect(codes(text)).toEqual([]);
  });
});
