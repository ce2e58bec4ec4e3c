/**
 * Names in the reader's script: katakana, Hangul and Chinese names found where pages write them, glued to the text
 * around them (CJK puts no spaces between words), and never inside another word or as an ordinary word that sounds
 * like a vendor's name. With the real bundled watchlist.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../lib/engine/index';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const engines = (['strict', 'balanced', 'broad'] as const).map((sensitivity) => createEngine(list, { sensitivity }));
const [strict, balanced] = engines as [ReturnType<typeof createEngine>, ReturnType<typeof createEngine>];
const found = (text: string, engine = strict) => engine.scanText(text).map((f) => `${f.vendorId}:${f.evidence}`);

describe('names glued to the text around them', () => {
  it.each([
    ['采购海康威视摄像机', 'hikvision:海康威视'],
    ['ハイクビジョン製カメラ', 'hikvision:ハイクビジョン'],
    ['ファーウェイのスマートフォン', 'huawei:ファーウェイ'],
    ['浙江大華技術(ダーファ)', 'dahua:ダーファ'],
    ['ダーファ・テクノロジーの防犯カメラ', 'dahua:ダーファ・テクノロジー'],
    ['海能達通信(ハイテラ)', 'hytera:ハイテラ'],
    ['화웨이는 5G 장비를', 'huawei:화웨이'],
    ['하이크비전의 CCTV', 'hikvision:하이크비전'],
    ['다후아 테크놀로지 등 5개 기업', 'dahua:다후아 테크놀로지'],
    // A Latin name needs a word boundary, but a CJK character is one.
    ['采购Hikvision摄像机', 'hikvision:Hikvision'],
    ['ZTEの端末', 'zte:ZTE'],
    ['Huaweiと中興通訊', 'huawei:Huawei'],
    ['LG유플러스는 화웨이와', 'huawei:화웨이'],
    ['中国移动5G套餐', 'china-mobile:中国移动'],
    ['中国电信美洲公司被吊销牌照', 'china-telecom:中国电信美洲公司'],
  ])('finds %s', (text, finding) => {
    expect(found(text)).toContain(finding);
  });

  it('still needs a word boundary between Latin letters', () => {
    expect(found('Hikvisionka')).toEqual([]);
    expect(found('xztex')).toEqual([]);
  });
});

describe('collisions: a reading or a longer word is not the vendor', () => {
  it.each([
    // ハイテラス ("high terrace") names blocks of flats; a katakana name must not run on into katakana.
    'ハイテラス横浜 302号室',
    'ダーファン・ヌードル',
    // Korean readings of the vendors' Chinese names are ordinary words: 대화 (大華, "conversation"), 중흥 (中興,
    // "revival"), 해강 (海康), 화위 (華為).
    '대화를 나누다',
    '중흥 아파트',
    '해강 고등학교',
    // 中国移动/中国电信 at the start of phrases about China's market are not the carriers.
    '中国移动互联网发展报告',
    '中国移动支付用户',
    '中国电信业的改革',
    '中國電信業的改革',
    '中国电信市场规模',
    '论中国电信产业的有效竞争',
    // Short Chinese names that are other entities or people, in either script.
    '大华银行 年报',
    '大華銀行',
    '张大华先生',
    '中興路 一段',
    '中兴街道',
    '海康县志',
    '李海康 老师',
  ])('does not flag %s', (text) => {
    for (const engine of engines) expect(found(text, engine)).toEqual([]);
  });

  it('takes a short name beside its gloss or in a list of listed vendors, not beside a bank', () => {
    expect(found('大華(Dahua)')).toEqual(['dahua:大華', 'dahua:Dahua']);
    expect(found('華為、中興,閉路電視生產商海康威視、大華')).toEqual([
      'huawei:華為',
      'zte:中興',
      'hikvision:海康威視',
      'dahua:大華',
    ]);
    expect(found('华为及中兴(ZTE)')).toEqual(['huawei:华为', 'zte:中兴', 'zte:ZTE']);
    // "Or" in a tender's exclusion: buy no Hikvision or Dahua products (Taiwan's wording, and the simplified form).
    expect(found('本案不得採購海康威視或大華產品')).toEqual(['hikvision:海康威視', 'dahua:大華']);
    expect(found('不得采购海康威视或大华的产品')).toEqual(['hikvision:海康威视', 'dahua:大华']);
    expect(found('大华银行或华为')).toEqual(['huawei:华为']);
    expect(found('张大华或华为')).toEqual(['huawei:华为']);
    expect(found('大华银行、华为')).toEqual(['huawei:华为']);
    expect(found('张大华、华为')).toEqual(['huawei:华为']);
    expect(found('大华 (UOB)')).toEqual([]);
  });

  it('takes 大疆 as DJI only with a product word or beside its Latin name', () => {
    expect(found('大疆 Mavic 3 无人机')).toEqual(['dji:大疆']);
    expect(found('大疆无人机 Mini 4 Pro')).toEqual(['dji:大疆']);
    expect(found('大疆(DJI)')).toEqual(['dji:大疆', 'dji:DJI']);
    expect(found('守卫祖国广大疆域')).toEqual([]);
  });

  it('takes 海康 as Hikvision only with a product word', () => {
    expect(found('海康网络高清监控方案')).toEqual(['hikvision:海康']);
    expect(found('海康 4MP 网络摄像机')).toEqual(['hikvision:海康']);
    expect(found('联系海康的专业人员')).toEqual([]);
  });
});

describe("names added for every vendor in the readers' scripts (each sourced in data/sources.yaml)", () => {
  it.each([
    // Kaspersky: its Japanese site, a Korean news agency, Russian press and its own Russian manual, a Hong Kong press release.
    ['カスペルスキー セキュリティ 3年3台版 ダウンロード版', 'kaspersky:カスペルスキー'],
    ['카스퍼스키 인터넷 시큐리티 1년 1PC', 'kaspersky:카스퍼스키'],
    ['Поставка лицензий Лаборатории Касперского на 50 рабочих мест', 'kaspersky:Лаборатории Касперского'],
    ['Антивирус Касперского, продление на 1 год', 'kaspersky:Антивирус Касперского'],
    ['разработано Лабораторией Касперского', 'kaspersky:Лабораторией Касперского'],
    ['卡巴斯基安全軟件 2年版', 'kaspersky:卡巴斯基'],
    ['卡巴斯基实验室发布报告', 'kaspersky:卡巴斯基实验室'],
    // Tencent, in each script (騰訊 is the derived Traditional form of 腾讯).
    ['采购腾讯云服务器 2台', 'tencent:腾讯'],
    ['騰訊雲端服務', 'tencent:騰訊'],
    ['テンセントのクラウドサービスを契約', 'tencent:テンセント'],
    ['텐센트 클라우드 서버 구매', 'tencent:텐센트'],
    // Xiaomi: 小米 with a product word, the whole legal name, katakana and Hangul.
    ['小米手机 14 Ultra 16GB+512GB', 'xiaomi:小米'],
    ['原装小米路由器 AX3000', 'xiaomi:小米'],
    ['小米集团发布财报', 'xiaomi:小米集团'],
    ['シャオミのスマホ Redmi Note', 'xiaomi:シャオミ'],
    ['샤오미 로봇청소기 정품', 'xiaomi:샤오미'],
    // The carriers in Japanese and Korean; a middle dot between the words is the same name.
    ['チャイナ・モバイルのSIMカード', 'china-mobile:チャイナ・モバイル'],
    ['中国電信(チャイナテレコム)の米国事業', 'china-telecom:チャイナテレコム'],
    ['チャイナ・ユニコムの免許', 'china-unicom:チャイナ・ユニコム'],
    ['차이나모바일 유심 구매', 'china-mobile:차이나모바일'],
    ['차이나텔레콤아메리카스의 사업 허가', 'china-telecom:차이나텔레콤아메리카스'],
    ['차이나유니콤은 FCC에', 'china-unicom:차이나유니콤'],
    // RoboSense and Uniview.
    ['速腾聚创 M1 激光雷达 1台', 'robosense:速腾聚创'],
    ['宇视 网络摄像机 4MP', 'uniview:宇视'],
    ['宇视摄像机 原装', 'uniview:宇视'],
    ['宇視科技 網路攝影機', 'uniview:宇視科技'],
    // Unitree (宇树, its own Chinese README's name) beside a robot; ZPMC's short name in a port's tender.
    ['宇树 Go2 机器狗 教育版 1台', 'unitree:宇树'],
    ['宇樹人形機器人 G1', 'unitree:宇樹'],
    ['岸桥 2台 制造商：上海振华重工(集团)股份有限公司', 'zpmc:振华重工'],
  ])('finds %s', (text, finding) => {
    expect(found(text)).toContain(finding);
  });

  it.each([
    // 小米 is millet: porridge, chilli, a recipe, a person.
    '小米粥的做法',
    '今天喝小米粥',
    '小米椒 50克 切碎',
    '黄小米 500克 杂粮',
    '张小米先生',
    // 宇树 alone, or as a person's given name, is not Unitree.
    '宇树',
    '王宇树先生 发言',
    // 速腾 alone is Volkswagen's Sagitar; 宇视 inside 寰宇视野 ("global vision").
    '大众速腾 1.4T 保养',
    '寰宇视野 网络 直播',
    // Korean readings of the new Chinese names are ordinary words or other names: 등신 (騰訊; "fool"), 소미 (小米;
    // a given name), 우시 (宇視; also Wuxi), 속등 (速騰).
    '등신 같은 소리',
    '소미 씨의 생일',
    '우시 여행',
    // Katakana names never run on into a longer katakana word: シャオミン is 小明, a given name.
    'シャオミン先生',
    // The founder's surname alone is a person, not the company's name.
    'Евгений Касперский выступил на конференции',
  ])('does not flag %s', (text) => {
    for (const engine of engines) expect(found(text, engine)).toEqual([]);
  });
});

describe('brand context names and the second round of local names (each sourced in data/sources.yaml)', () => {
  const brandOf = (text: string, engine = strict) =>
    engine.scanText(text).map((f) => `${f.vendorId}/${f.brand?.name ?? '-'}:${f.evidence}`);

  it.each([
    // EZVIZ: 萤石 (EZVIZ's own SDK README) beside a camera word, and its company name (its prospectus).
    ['萤石 C6CN 云台摄像头 400万', 'hikvision/EZVIZ:萤石'],
    ['萤石监控摄像头家用 无线', 'hikvision/EZVIZ:萤石'],
    ['萤石网络发布智能门锁', 'hikvision/EZVIZ:萤石网络'],
    ['供应商：杭州萤石网络股份有限公司', 'hikvision/EZVIZ:杭州萤石网络'],
    ['螢石 網路攝影機 2K', 'hikvision/EZVIZ:螢石'],
    // Imou: 乐橙 (Imou's own Chinese strings) beside a camera word.
    ['乐橙 TA4 监控摄像头', 'dahua/Imou:乐橙'],
    ['樂橙攝影機 室內', 'dahua/Imou:樂橙'],
    // Hytera in Hangul (Yonhap, CIO Korea), glued to its particle.
    ['하이테라는 모토로라 영업기밀 탈취 혐의로', 'hytera/-:하이테라'],
    ['하이테라 PD788 무전기 5대', 'hytera/-:하이테라'],
  ])('finds %s', (text, finding) => {
    expect(brandOf(text)).toContain(finding);
  });

  it.each([
    // 萤石 is the mineral fluorite: a mine, its powder and ore prices, a bracelet, and a camera for the mine.
    '萤石矿 开采许可',
    '萤石粉 97% 冶金级 价格',
    '天然紫色萤石手串',
    '萤石矿区监控摄像头安装工程',
    '中国萤石网 萤石精粉报价',
    '萤石',
    // 乐橙 inside ordinary words: cola and orange juice, a happy orange, a person.
    '可乐橙汁 500ml',
    '快乐橙色 连衣裙',
    '王乐橙同学',
    '乐橙',
    // 하이테라스 ("high terrace") names blocks of flats and buildings.
    '하이테라스 오피스텔 분양',
  ])('does not flag %s', (text) => {
    for (const engine of engines) expect(found(text, engine)).toEqual([]);
  });

  it('takes a brand context name beside its Latin name, or where its owner is named', () => {
    expect(brandOf('萤石(EZVIZ)')).toEqual(['hikvision/EZVIZ:萤石', 'hikvision/EZVIZ:EZVIZ']);
    expect(brandOf('乐橙(Imou)')).toEqual(['dahua/Imou:乐橙', 'dahua/Imou:Imou']);
    // From binkcn.com's review of the C6CN: the owner named in the same sentence makes 萤石 the brand.
    expect(brandOf('草草选定了 海康威视 旗下民用品牌 萤石,具体型号参数介绍详见 萤石官网页面')).toEqual([
      'hikvision/-:海康威视',
      'hikvision/EZVIZ:萤石',
      'hikvision/EZVIZ:萤石',
    ]);
    // Not when another vendor is named, and not inside a word or as a person, even with the owner named.
    expect(brandOf('华为 旗下品牌 萤石')).toEqual(['huawei/-:华为']);
    expect(brandOf('大华股份 食堂 可乐橙汁')).toEqual(['dahua/-:大华股份']);
    expect(brandOf('大华股份 员工 王乐橙')).toEqual(['dahua/-:大华股份']);
    expect(brandOf('海康威视 旗下 萤石矿')).toEqual(['hikvision/-:海康威视']);
  });
});

describe("Chinese names of the lidar and Autel makers (sourced in each vendor's nameSources)", () => {
  it.each([
    // Hesai: 禾赛 (its own SDK documents) beside a lidar word.
    ['禾赛 AT128 激光雷达 1台', 'hesai:禾赛'],
    ['禾赛激光雷达 XT32 原装', 'hesai:禾赛'],
    ['禾賽 光達 雷達', 'hesai:禾賽'],
    // Autel Robotics: 道通智能航空 (Cailian Press) alone, 道通智能 (its own SDK) beside a drone word.
    ['美国国防部将道通智能航空列入1260H清单', 'autel:道通智能航空'],
    ['道通智能无人机 EVO Max 4T', 'autel:道通智能'],
    // Autel Intelligent Technology: its legal name alone, 道通科技 beside a scanner or charger.
    ['供应商：深圳市道通科技股份有限公司', 'autel-intelligent:深圳市道通科技'],
    ['道通科技汽车诊断仪 MaxiSys MS906', 'autel-intelligent:道通科技'],
    ['道通科技 充电桩 7kW 家用', 'autel-intelligent:道通科技'],
  ])('finds %s', (text, finding) => {
    expect(found(text)).toContain(finding);
  });

  it.each([
    // 禾赛 straddles words: the Jiahe tournament, even beside a lidar word; a person.
    '嘉禾赛事 激光雷达 展示',
    '禾赛',
    '李禾赛同学',
    // 道通 straddles words and ends other companies' names.
    '北京恒道通科技有限公司 招聘',
    '轨道通智能卡 充值',
    '隧道通风 设备',
    '道通科技',
    // The two Autel companies' shared short name is not a name here.
    '道通 无人机',
  ])('does not flag %s', (text) => {
    for (const engine of engines) expect(found(text, engine)).toEqual([]);
  });
});

describe("people named one letter from a vendor (fuzzy matching is for sellers' slips)", () => {
  it.each([
    'By Anna Huawie, Reuters',
    'Anna Huawie said on Monday that prices would rise.',
    'Photo: Maria Hikvison',
    'Our guide Mr Dahuan met us.',
    'Mr Huawie and Mrs Quectell',
  ])('does not flag %s', (text) => {
    for (const engine of engines) expect(found(text, engine)).toEqual([]);
  });

  it("still reports a seller's slip in a product title", () => {
    expect(found('Huawie P30 case', balanced)).toEqual(['huawei:Huawie']);
    expect(found('Genuine Hikvison Camera 4MP', balanced)).toEqual(['hikvision:Hikvison']);
  });
});

describe('third round: TP-Link in Hangul, and the Latin names the other markets sell under', () => {
  it.each([
    // 티피링크 (Edaily, with TP-Link's own photo credit "사진=티피링크"), glued to its particles.
    ['티피링크 공유기 Archer AX55 특가', 'tp-link:티피링크'],
    ['전세계 1위 와이파이 장비 제조사인 중국 티피링크는', 'tp-link:티피링크'],
    ['티피링크의 라우터 보안 취약성', 'tp-link:티피링크'],
    // The Latin names as the recorded pages write them (latinNameIn): Cyrillic, kana and Hangul around them.
    ['Видеокамеры Hikvision', 'hikvision:Hikvision'],
    ['компания Dahua известила своих российских партнеров', 'dahua:Dahua'],
    ['роутер TP-Link 4G+ (MX110V)', 'tp-link:TP-Link'],
    ['中国ZTEの「Blade E01」', 'zte:ZTE'],
    ['중국 통신장비 업체 ZTE가', 'zte:ZTE'],
    ['홍대 DJI 매장은', 'dji:DJI'],
    ['OPPO Find X9系列的发布会', 'oppo:OPPO'],
    ['акции китайской компании Tencent', 'tencent:Tencent'],
    ['34 дрона DJI Mavic', 'dji:DJI'],
    // Unitree in Japanese (Dong-A and Chosun Online's Japanese editions, Yahoo Japan News), and the Chinese short name
    // they write, with its Simplified form derived by the build.
    ['中国の人型ロボットメーカー、ユニツリー・ロボティクス（Unitree Robotics）は', 'unitree:ユニツリー'],
    ['ユニツリーのH2', 'unitree:ユニツリー'],
    ['中国ロボット開発会社宇樹科技(Unitree Robotics)', 'unitree:宇樹科技'],
    ['杭州宇树科技 四足机器人 Go2', 'unitree:宇树科技'],
    // Korean (Aju Business Daily, ZDNet Korea), glued to its particles.
    ['중국 로봇 기업 유니트리의 휴머노이드 로봇 ‘G1’', 'unitree:유니트리'],
    ['中 유니트리, 항저우 공장 가동', 'unitree:유니트리'],
  ])('finds %s', (text, finding) => {
    expect(found(text)).toContain(finding);
  });

  it.each([
    // A Hangul name must start a word: not the tail of another word.
    '스티피링크',
    '엠티피링크 서비스',
    // 중흥통신 is left out (Korean pages and sellers write ZTE; see data/README): a shop named after 중흥동 is no finding.
    '중흥통신 휴대폰 대리점',
    '광주 북구 중흥동 중흥통신',
    // A katakana name must not run on into a longer katakana word.
    'コミュニツリー',
    'ユニツリーハウス',
    // A Hangul name must start a word.
    '커뮤니트리 카페',
  ])('does not flag %s', (text) => {
    for (const engine of engines) expect(found(text, engine)).toEqual([]);
  });
});

describe('fourth round: the Latin names Japanese, Korean and Russian pages sell under (latinNameIn), and 로보센스 and オッポ', () => {
  it.each([
    // As the recorded pages write them (data/sources.yaml), with the kana, Hangul and Cyrillic around them.
    [
      'Основанная в 2014 году китайская компания Hesai Technology успела стать ведущим производителем лидаров',
      'hesai:Hesai Technology',
    ],
    ['Hesai Technologyは、2021年から24年まで、ロボタクシー向けのLiDARグローバル市場で', 'hesai:Hesai Technology'],
    ['同国のメーカー「OPPO(オッポ)」が、18年春に日本市場に参入することが分かった', 'oppo:OPPO'],
    ['스마트폰 업계 신흥 강자 오포(OPPO)가 카메라에 무게를 둔 휴대폰을', 'oppo:OPPO'],
    ['китайская компания OPPO намерена покинуть российский рынок', 'oppo:OPPO'],
    ['Глава китайской Unitree Robotics Ван Синсин', 'unitree:Unitree'],
    ['이번 크레인은 중국 업체인 ZPMC가 제작한 것으로', 'zpmc:ZPMC'],
    ['中国の深圳に本社を構えるAutel Roboticsは、アメリカでのポリシーを変更した。', 'autel:Autel Robotics'],
    // RoboSense in Korean news (Yonhap Infomax, iNews24), glued to its particles.
    ["'선두' 로보센스 창업자", 'robosense:로보센스'],
    ['중국 화웨이와 DJI 및 로보센스가 자율 주행차 핵심 부문의', 'robosense:로보센스'],
    ['화웨이와 DJI, 로보센스의 중국 3사가', 'robosense:로보센스'],
    // OPPO in Japanese (Kyodo via SankeiBiz, the Asahi).
    ['中国スマホ最大手「オッポ」、来春に日本参入', 'oppo:オッポ'],
    ['オッポのスマホは若者らの人気を集めて', 'oppo:オッポ'],
  ])('finds %s', (text, finding) => {
    expect(found(text)).toContain(finding);
  });

  it.each([
    // A Hangul name must start a word; a katakana name must not run on into a longer katakana word.
    '마이크로보센스 센서',
    'ゴオッポ',
    'オッポリン',
    // 오포 is not OPPO's name here (오포읍 in Gwangju, Gyeonggi): no finding without the Latin name.
    '경기 광주시 오포읍 신현리',
  ])('does not flag %s', (text) => {
    for (const engine of engines) expect(found(text, engine)).toEqual([]);
  });
});

describe('Дахуа: Dahua in Cyrillic (a Bulgarian IP-camera page), never a person or Dahua County', () => {
  it.each([
    ['IP 2Mpx Dome камера Дахуа', 'dahua:Дахуа'],
    ['IP Видео камери Дахуа', 'dahua:Дахуа'],
    ['Купить камеру Дахуа 4 Мп', 'dahua:Дахуа'],
    ['Производитель: Дахуа', 'dahua:Дахуа'],
    ['Дахуа Технолоджи', 'dahua:Дахуа'],
  ])('finds %s', (text, finding) => {
    expect(found(text)).toContain(finding);
  });

  it.each([
    // A Chinese person: given name after a surname, or in Western order before one.
    'Ли Дахуа, профессор Пекинского университета',
    'Ван Дахуа сказал журналистам',
    'Дахуа Линь и соавторы, 2021',
    // Dahua Yao Autonomous County in Guangxi.
    'Дахуа-Яоский автономный уезд Гуанси',
    'в уезде Дахуа выращивают рис',
    'Дахуа уезд',
    // A longer word is not the name.
    'Дахуаев',
  ])('does not flag %s', (text) => {
    for (const engine of engines) expect(found(text, engine)).toEqual([]);
  });
});

describe('Хуавей: Huawei in Cyrillic (Ukraina.ru quoting "ООО \\"Хуавей Украина\\""), never a person or a longer word', () => {
  it.each([
    ['ООО "Хуавей Украина" оштрафовано на общую сумму 109 800 грн', 'huawei:Хуавей'],
    ['Купить смартфон Хуавей P30', 'huawei:Хуавей'],
    ['ремонт планшетов Хуавей и Хонор', 'huawei:Хуавей'],
  ])('finds %s', (text, finding) => {
    expect(found(text)).toContain(finding);
  });

  it.each([
    // A Chinese person with the given name Huawei after a surname, and longer words built on the name.
    'Ли Хуавей, инженер',
    'хуавейский магазин',
    'Хуавеевский',
  ])('does not flag %s', (text) => {
    for (const engine of engines) expect(found(text, engine)).toEqual([]);
  });
});
