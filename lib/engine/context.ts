/**
 * Context rules for short Chinese names (`contextNames` in the watchlist: 大华, 中兴, 移远, 美格). Each is also an
 * ordinary word or part of other names: 大华银行 is UOB, a bank; 中兴 means "revival" and names streets (中兴路),
 * schools and shops; 大华 and 中兴 are common given names (张大华). So a short name counts only when
 *
 * - it is not a person: not preceded by a common surname (张大华), not followed by a title (大华先生);
 * - and a product or ICT word (摄像机, 路由器, 模组, 手机, 网络 ...) follows it directly ("大华摄像机",
 *   "原装大华摄像头", "中兴路由器"), or, when it is not followed by a word that makes it another entity (银行, 路,
 *   街, 中学, 医院 ...: never a finding) and starts a word (not preceded by another Han character), a product word
 *   is within a few characters of it in the same block ("品牌：大华 4MP 网络摄像机").
 *
 * Everything here runs on normalised text (lower case, whitespace collapsed).
 */
import { isWordChar } from './normalise';

/** Product and ICT words that make a short name a maker. */
export const PRODUCT_WORDS = [
  '摄像机',
  '摄像头',
  '监控',
  '录像机',
  '硬盘录像机',
  '球机',
  '枪机',
  '门禁',
  '可视对讲',
  '对讲机',
  '路由器',
  '交换机',
  '基站',
  '光猫',
  '模组',
  '模块',
  '手机',
  '网卡',
  '网络',
  '通讯',
  '通信',
  '物联网',
  '无人机',
  '航拍',
  '云台',
  // Robots and lidar (Unitree's 宇树机器狗, Xiaomi's 小米机器人, Hesai's 禾赛雷达)
  '机器人',
  '机器狗',
  '激光雷达',
  '雷达',
  // Vehicle diagnostic scanners and EV chargers (Autel Intelligent's 道通科技诊断仪)
  '诊断仪',
  '充电桩',
  // Traditional forms (OpenCC; context.test.ts checks none is missing), and Taiwan's own words for cameras, recorders, network
  '攝像機',
  '攝像頭',
  '監控',
  '錄像機',
  '硬盤錄像機',
  '球機',
  '槍機',
  '門禁',
  '可視對講',
  '對講機',
  '交換機',
  '光貓',
  '模組',
  '模塊',
  '通訊',
  '手機',
  '網卡',
  '網絡',
  '物聯網',
  '無人機',
  '機器人',
  '機器狗',
  '激光雷達',
  '雷達',
  '診斷儀',
  '充電樁',
  '雲台',
  '雲臺',
  '攝影機',
  '監視器',
  '錄影機',
  '硬碟錄影機',
  '網路',
];
/** Latin product words (need word boundaries). */
const LATIN_PRODUCT_WORDS = ['4g', '5g', 'lte', 'nvr', 'dvr', 'ipc', 'cpe', 'wifi', 'wi-fi', 'poe'];
/** Words that, right after the name, make it another entity: a bank, a street, a place, a school, a shop. */
export const ENTITY_WORDS = [
  '银行',
  '路',
  '街',
  '道',
  '巷',
  '村',
  '镇',
  '乡',
  '县',
  '区',
  '市',
  '省',
  '站',
  '小区',
  '花园',
  '广场',
  '大厦',
  '中学',
  '小学',
  '学校',
  '大学',
  '学院',
  '医院',
  '酒店',
  '宾馆',
  '饭店',
  '餐厅',
  '公园',
  '超市',
  '商场',
  '药店',
  // A mine or its ore: 萤石矿 is a fluorite mine, not EZVIZ (萤石矿区监控摄像头 is a camera for the mine)
  '矿',
  // Traditional forms
  '銀行',
  '鎮',
  '鄉',
  '縣',
  '區',
  '小區',
  '花園',
  '廣場',
  '大廈',
  '中學',
  '小學',
  '學校',
  '大學',
  '學院',
  '醫院',
  '賓館',
  '飯店',
  '餐廳',
  '公園',
  '商場',
  '藥店',
  '礦',
];
/** Titles after a name that make it a person. */
export const PERSON_TITLES = ['先生', '女士', '小姐', '教授', '博士', '老师', '同学', '同志', '老師', '同學'];
/** The most common single-character Chinese surnames: 张大华, 李中兴 are people. */
export const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范石廖贾夏韦付方白邹孟熊秦邱尹薛闫段雷侯史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
    // Traditional forms (余 and 范 are surnames in both scripts).
    '張劉陳楊黃趙吳孫馬羅鄭謝許韓馮鄧蔣葉蘇呂盧鍾譚陸賈韋鄒閆賀顧龔萬錢嚴湯',
);
/** How far (in normalised characters) a product word may be from the name and still count. */
const CONTEXT_WINDOW = 12;

const HAN = /\p{Script=Han}/u;

function startsWithAny(text: string, at: number, words: readonly string[]): boolean {
  return words.some((word) => text.startsWith(word, at));
}

/** Whether a Latin product word lies wholly inside [from, to) of `text`, as a word of its own. */
function latinProductWordIn(text: string, from: number, to: number): boolean {
  return LATIN_PRODUCT_WORDS.some((word) => {
    for (let at = text.indexOf(word, from); at >= 0 && at + word.length <= to; at = text.indexOf(word, at + 1)) {
      if (!isWordChar(text[at - 1]) && !isWordChar(text[at + word.length])) return true;
    }
    return false;
  });
}

/** Whether a person title follows `end` (optionally after one space): "大华先生", "华为 女士". */
export function followedByPersonTitle(text: string, end: number): boolean {
  const at = text[end] === ' ' ? end + 1 : end;
  return startsWithAny(text, at, PERSON_TITLES);
}

/** Whether the short name at [start, end) of normalised `text` names the vendor (see the rules above). */
export function shortNameInContext(text: string, start: number, end: number): boolean {
  const after = text[end] === ' ' ? end + 1 : end;
  const before = text[start - 1];
  if (before !== undefined && SURNAMES.has(before)) return false;
  // A product word directly after wins over an entity word it starts with (路由器 is a router, not a road).
  if (startsWithAny(text, after, PRODUCT_WORDS)) return true;
  if (startsWithAny(text, after, ENTITY_WORDS)) return false;
  if (startsWithAny(text, after, PERSON_TITLES)) return false;
  // Not directly followed by a product word: the name must start a word, with a product word close by.
  if (before !== undefined && HAN.test(before)) return false;
  const from = Math.max(0, start - CONTEXT_WINDOW);
  const to = Math.min(text.length, end + CONTEXT_WINDOW);
  const window = text.slice(from, to);
  return PRODUCT_WORDS.some((word) => window.includes(word)) || latinProductWordIn(text, from, to);
}

/**
 * What may stand between a short name and a listed name next to it: "大華(Dahua)", "華為、中興", "ZTE（中兴）", and
 * "or", which tenders' exclusions use ("不得採購海康威視或大華產品": buy no Hikvision or Dahua products).
 */
const MAX_GAP = 3;
const NEIGHBOUR_GAP = /^[\s(（)）、,，/及和与與或]{1,3}$/u;
const CONJUNCTIONS = '及和与與或';

/**
 * Whether a short name that found no product word is still plainly the vendor: a full listed name stands right next
 * to it, as its gloss ("大華(Dahua)", "中興(ZTE)") or as the item before or after it in a list of listed vendors
 * ("華為、中興", "海康威視、大華"). `starts` and `ends` are the offsets where the other name hits of the same text start
 * and end (sets, so a block of thousands of names stays linear). Never when the name is a person or part of another
 * entity's name (张大华, 大华银行).
 */
export function shortNameBesideListedName(
  text: string,
  start: number,
  end: number,
  starts: ReadonlySet<number>,
  ends: ReadonlySet<number>,
): boolean {
  const before = text[start - 1];
  // "华为及中兴": a conjunction may join it to the name before; any other Han character makes it part of a word.
  if (before !== undefined && (SURNAMES.has(before) || (HAN.test(before) && !CONJUNCTIONS.includes(before))))
    return false;
  const after = text[end] === ' ' ? end + 1 : end;
  if (startsWithAny(text, after, ENTITY_WORDS) || startsWithAny(text, after, PERSON_TITLES)) return false;
  for (let gap = 1; gap <= MAX_GAP; gap++) {
    if (starts.has(end + gap) && NEIGHBOUR_GAP.test(text.slice(end, end + gap))) return true;
    if (ends.has(start - gap) && NEIGHBOUR_GAP.test(text.slice(start - gap, start))) return true;
  }
  return false;
}

/**
 * Column headers that say "the maker of this row" in the languages our users read. A cell under one of them names a
 * maker by its position: a short name alone in it counts (大华 under 制造商), and a maker there that is not on the list
 * means another maker is in sight, so a shared code in that row is not guessed at.
 */
const MAKER_HEADER =
  /^(?:(?:product |equipment |device )?(?:manufacturer|manufacturer name|make|maker|brand|brand name|oem|vendor)|hersteller|marke|fabricant|marque|fabricante|marca|produttore|fabbricante|producent|merk|fabrikant|tillverkare|valmistaja|производитель|бренд|марка|制造商|生产厂家|生产厂商|厂家|厂商|品牌|製造商|生產廠家|廠牌|廠商|メーカー|製造元|ブランド|제조사|제조업체|브랜드)$/u;

export function isMakerHeader(header: string): boolean {
  return MAKER_HEADER.test(
    header
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s:：*]+$/u, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/**
 * A short name in a maker cell: the cell says it is a maker, so no product word is needed, but it must still not be a
 * person (张大华, 大华先生) or part of another entity's name (大华银行, 中兴路).
 */
export function shortNameAsMaker(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  if (before !== undefined && (SURNAMES.has(before) || HAN.test(before))) return false;
  const after = text[end] === ' ' ? end + 1 : end;
  return !startsWithAny(text, after, ENTITY_WORDS) && !startsWithAny(text, after, PERSON_TITLES);
}
