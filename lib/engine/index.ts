/**
 * The matching engine: page text in, findings out. Pure TypeScript shared by the background's matcher, the scan
 * CLI and the tests.
 *
 * 1. normalise (NFKC, case, dashes, invisible characters, whitespace) with a map back to the original text; most
 *    blocks need only lower case (and collapsed whitespace), which the candidate pass checks on the way;
 * 2. one candidate pass (candidates.ts): an Aho-Corasick automaton stepping over separators for every name, alias
 *    and brand (Latin and CJK together), code-like tokens in a model rule's bucket, and words a typo could hide in;
 * 3. the tokens tested against prefix-bucketed model rules; codes that other makers share need the vendor or its
 *    brand named nearby: in the same block, in the block's item (its table row, its card, its column header; see
 *    BlockContext) or elsewhere on the page; at broad sensitivity, with no maker in sight, they are a possible match;
 * 4. fuse.js confirms typos among the few leftover words that pass a cheap pre-filter.
 */
import { applicableMeasures } from '../watchlist/measures';
import type { Brand, Relationship, Source, Vendor, Watchlist } from '../watchlist/schema';
import { AhoCorasick, type AutomatonMatch } from './aho-corasick';
import { type CandidateSources, type Candidates, findCandidates, isSkippedByNames } from './candidates';
import {
  followedByPersonTitle,
  isMakerHeader,
  shortNameAsMaker,
  shortNameBesideListedName,
  shortNameInContext,
} from './context';
import { cyrillicChineseNameAsPersonOrPlace } from './cyrillic-names';
import { FuzzyIndex } from './fuzzy';
import { mergeByStart, Occupancy, overlapSweep, type Span } from './intervals';
import { buildLineWords, productAt } from './lines';
import { mentionFlags } from './mentions';
import { type CodeToken, ModelIndex } from './models';
import { isCjk, isWordChar, type NormalisedText, normalise, Unchanged } from './normalise';
import { buildTerms, squeeze, type Term } from './terms';
import type { Verdict } from './verdicts';

export type Sensitivity = 'strict' | 'balanced' | 'broad';
interface EngineOptions {
  sensitivity?: Sensitivity;
}
export type FindingKind = 'name' | 'brand' | 'model' | 'fuzzy';
export type { Verdict } from './verdicts';
export { VERDICTS } from './verdicts';

/** One other cell or part of the same item (table row, product card), with its column header if it has one. */
export interface ContextCell {
  text: string;
  header?: string;
}

/**
 * Where a block sits, so a code that other makers share can meet its maker outside the block's own text. All optional;
 * the scan CLI's readers and the extension's scanner supply what they know (see /work/notes/models.md).
 */
export interface BlockContext {
  /** The header of the block's own column when it is a table cell ("Manufacturer", "Model", "Hersteller"). */
  header?: string;
  /** The rest of the block's item: the other cells of its table row, the other blocks of its product card. */
  item?: readonly ContextCell[];
  /** Vendor ids named anywhere in the same page or document (collect them with `engine.namedIn` over its blocks). */
  page?: ReadonlySet<string>;
  /**
   * Vendor ids whose name the same page or document uses as a person's or a place's ("Dahua Lin", "Dahua Yao
   * Autonomous County"; collect them with `engine.namesAsPlaces`): there the bare name ("Dahua has abundant
   * hydropower") is the place or person too, unless a product of the vendor is named with it.
   */
  placeNames?: ReadonlySet<string>;
}

/**
 * How a model code that other makers share was tied to its maker: named in the block's item (row, card, header),
 * named elsewhere on the page, or not at all (broad sensitivity only: a possible match naming the likely maker).
 */
type ModelBasis = 'item' | 'page' | 'guess';

export interface Finding {
  vendorId: string;
  vendorName: string;
  /** The matched text exactly as it appears in the input. */
  evidence: string;
  /** UTF-16 offsets into the original input. */
  start: number;
  end: number;
  kind: FindingKind;
  /** 0..1 */
  confidence: number;
  verdict: Verdict;
  /** The path for a brand match, e.g. HiLook -> Hikvision (own brand). */
  brand?: { name: string; relationship: Relationship; until?: string; caveat?: string; sources: Source[] };
  /** Ids of the measures that apply to the vendor. */
  measures: string[];
  /** For a fuzzy match: the listed name the text looks like a misspelling of ("Hikvision" for "Hikvison"). */
  resembles?: string;
  /** Only for model codes that need their maker named and did not find it in the block itself. */
  basis?: ModelBasis;
}

export interface Engine {
  scanText(text: string, context?: BlockContext): Finding[];
  /** Ids of the vendors a text names (by name, alias or brand): the makers a page or document mentions. */
  namedIn(text: string): string[];
  /** Ids of the vendors whose name a text uses as a person's or a place's (see BlockContext.placeNames). */
  namesAsPlaces(text: string): string[];
  readonly listVersion: number;
}

/** Relationships strong enough for "brand of listed vendor"; the rest are at most "possible match". */
const OWNED: ReadonlySet<Relationship> = new Set(['brand', 'subsidiary']);
const REPORTED: ReadonlySet<Relationship> = new Set(['reported-oem', 'reported-front']);
/**
 * News, people and ordinary words: the policy.
 *
 * - News articles are not suppressed. A story about Hikvision is about Hikvision; the finding is correct, and the
 *   page is where a buyer may be reading about a product. What news adds is people, handled below.
 * - A person named like a vendor is never a finding. A name is a person's when a title comes before it ("Mr Dahua",
 *   "Prof. Huawei"), when a single Latin name in title case follows a Chinese surname in title case ("Li Dahua",
 *   "Zhang Huawei"; all-caps "LI DAHUA" is left alone, as are surnames that are also English words such as He or
 *   Long), or, in Chinese, when a title follows it (华为先生) or, for the short names that need context, a common
 *   surname precedes it (张大华; see context.ts).
 * - Ordinary words that contain a vendor name are not the vendor: names need word boundaries ("Dahuang",
 *   "Huaweiwei", "Aztec"), a short name stitched across spaces does not count ("hike vision" is not "hikvision";
 *   "z te"), and fuzzy matching needs six letters and at most two letters' difference in length.
 */
/** Words before a name that make it a person ("Mr Dahua"), not a company. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'madam', 'dame', 'lord']);
/** Romanised Chinese surnames that are not also English words (so "He Huawei" at a sentence start stays a hit). */
const SURNAMES = new Set(
  'Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Zhu Hu Guo Lin Gao Luo Zheng Liang Xie Song Tang Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Jiang Cai Du Ye Cheng Su Wei Lyu Ding Ren Shen Yao Lu Cui Zhong Tan Qin Qiu Xue Lei Hou Mao Hao Gong Shao Qian Dai Kong Xiang Yan Yin'.split(
    ' ',
  ),
);

/**
 * A shared code is surest with its maker in the block itself (0.9), then in its row or card, then elsewhere on the
 * page; a guess with no maker in sight (broad sensitivity only) is the weakest.
 */
const MODEL_CONFIDENCE: Record<ModelBasis, number> = { item: 0.85, page: 0.7, guess: 0.4 };

/**
 * A guess needs a code long enough to say something: "EC25-E" and "L850-GL" are module codes, but "M95", "L80" or
 * "EC25" on their own are as likely a motorway, a lens or a part number.
 */
const GUESS_MIN_LENGTH = 5;

const NOBODY: ReadonlySet<number> = new Set();
const NO_BRAND: ReadonlySet<string> = new Set();

interface VendorInfo {
  vendor: Vendor;
  measures: string[];
}

interface Hit {
  vendorIndex: number;
  /** Offsets in normalised text. */
  start: number;
  end: number;
  kind: FindingKind;
  confidence: number;
  verdict: Verdict;
  /** The brand the text named, for brand matches and brand-range model codes. */
  brand?: Brand;
  /** For fuzzy hits: the name as the watchlist writes it. */
  resembles?: string;
  /** Another company's name that contains a vendor's: it only hides the shorter name inside it. */
  otherCompany?: boolean;
  basis?: ModelBasis;
  /** A code of the vendor's own accessory (ModelRule.accessory): always a mention. */
  accessory?: boolean;
}

/** Vendors (by index) and brands (lower case) a text names. */
interface Named {
  vendors: ReadonlySet<number>;
  brands: ReadonlySet<string>;
  /** Vendors whose name the text uses as a person's or a place's ("Dahua Lin", "Dahua County"). */
  places: ReadonlySet<number>;
}

/** What a block's context says about makers, worked out only when a code needs it. */
interface MakersNearby {
  item: Named;
  page: ReadonlySet<number>;
  /** A maker column of the item names a maker that is not on the list: another maker is in sight. */
  otherMaker: boolean;
}

export function createEngine(list: Watchlist, options: EngineOptions = {}): Engine {
  const sensitivity = options.sensitivity ?? 'balanced';
  const vendors: VendorInfo[] = list.vendors.map((vendor) => ({
    vendor,
    measures: applicableMeasures(list, vendor).map((m) => m.measure.id),
  }));
  const terms = buildTerms(list);
  // Product-line words ("matrice", "mavic") ride on the name automaton after the names: pattern index >= terms.length.
  const lineWords = buildLineWords(list);
  const automaton = new AhoCorasick([...terms.map((t) => t.key), ...lineWords.map((l) => l.key)], isSkippedByNames);
  const models = new ModelIndex(list);
  const fuzzy = sensitivity === 'strict' ? null : new FuzzyIndex(terms, new Set(list.fuzzyExclusions ?? []));
  const sources: CandidateSources = { automaton, models: sensitivity === 'strict' ? null : models, fuzzy };

  /** Whether a name/brand hit is shown at this sensitivity, and how. */
  const classify = (term: Term): Pick<Hit, 'kind' | 'verdict' | 'confidence'> | null => {
    const relationship = term.brand?.relationship;
    if (!relationship) return { kind: 'name', verdict: 'listed-vendor', confidence: 1 };
    if (OWNED.has(relationship)) return { kind: 'brand', verdict: 'brand-of-listed-vendor', confidence: 0.9 };
    if (REPORTED.has(relationship)) {
      return sensitivity === 'strict' ? null : { kind: 'brand', verdict: 'possible-match', confidence: 0.6 };
    }
    // Former subsidiaries, integrator claims and technical links only ever prompt a review, and only when asked.
    return sensitivity === 'broad' ? { kind: 'brand', verdict: 'possible-match', confidence: 0.4 } : null;
  };

  const nameHits = (
    norm: NormalisedText,
    matches: readonly AutomatonMatch[],
    makerCell: boolean,
    input: string,
    /** Receives the short names no product word or listed name confirmed, for the caller's codes to decide. */
    pending?: Hit[],
  ): Hit[] => {
    const hits: Hit[] = [];
    const undecided: Hit[] = [];
    for (const match of matches) {
      const term = terms[match.pattern];
      if (!term) continue;
      const { start, end } = match;
      // A Latin name needs word boundaries, but CJK text runs words together: "采购Hikvision摄像机", "ZTEの".
      if (!term.cjkStart && isLatinSideWord(norm.text[start - 1])) continue;
      if (
        !term.cjkEnd &&
        isLatinSideWord(norm.text[end]) &&
        !genitiveS(term, norm.text, end) &&
        !camelCaseEnd(input, norm, end)
      )
        continue;
      if (insideKanaOrHangulWord(term.key, norm.text, start, end)) continue;
      const span = norm.text.slice(start, end);
      const spaced = squeeze(span) !== span && squeeze(term.key) === term.key && span.length !== term.key.length;
      // A short name stitched together across separators ("z te") is a coincidence, not a spelling.
      if (spaced && term.key.length < 6) continue;
      if (term.otherCompany) {
        hits.push({
          vendorIndex: term.vendorIndex,
          start,
          end,
          kind: 'name',
          verdict: 'listed-vendor',
          confidence: 0,
          otherCompany: true,
        });
        continue;
      }
      if (precededByHonorific(norm.text, start)) continue;
      if (term.cjkEnd && followedByPersonTitle(norm.text, end)) continue;
      // In a "Manufacturer" / "制造商" cell a short name is the maker by position ("大华" alone in the cell).
      const how = classify(term);
      if (!how) continue;
      if (
        term.requiresContext &&
        !(makerCell && shortNameAsMaker(norm.text, start, end)) &&
        !shortNameInContext(norm.text, start, end)
      ) {
        // Perhaps a listed name stands right beside it ("大華(Dahua)", "華為、中興"): decided once all names are in.
        undecided.push({ vendorIndex: term.vendorIndex, start, end, brand: term.brand, ...how });
        continue;
      }
      hits.push({
        vendorIndex: term.vendorIndex,
        start,
        end,
        brand: term.brand,
        ...how,
        confidence: spaced ? how.confidence * 0.95 : how.confidence,
      });
    }
    if (undecided.length > 0) {
      const listed = hits.filter((hit) => !hit.otherCompany);
      const starts = new Set(listed.map((hit) => hit.start));
      const ends = new Set(listed.map((hit) => hit.end));
      // A brand's short name in a text that names its owner ("海康威视 旗下民用品牌 萤石") is the brand, not the mineral:
      // still never a person or part of another entity's name, and it must start a word.
      const owners = new Set(listed.map((hit) => hit.vendorIndex));
      for (const hit of undecided) {
        if (shortNameBesideListedName(norm.text, hit.start, hit.end, starts, ends)) hits.push(hit);
        else if (hit.brand && owners.has(hit.vendorIndex) && shortNameAsMaker(norm.text, hit.start, hit.end))
          hits.push(hit);
        else pending?.push(hit);
      }
    }
    return hits;
  };

  /** The makers a text names, by exact name, alias or brand (no typos): cached, as a row's cells repeat per cell. */
  const namedCache = new Map<string, Named>();
  const namedInText = (text: string, makerCell: boolean): Named => {
    const key = makerCell ? `\u0001${text}` : text;
    let known = namedCache.get(key);
    if (known) return known;
    const norm = normalise(text);
    const found = findCandidates(norm.text, { automaton, models: null, fuzzy: null });
    // Another company's name that contains a vendor's (its own lexicon entry) names nobody.
    const all = found ? longestFirst(nameHits(norm, found.names, makerCell, text), norm.text.length) : [];
    const hits = withoutOtherCompanies(all);
    // A phrase that contains a name ("oppo research") says what the name means on this page ("just \"oppo\"").
    // Only for names the list writes in capitals (OPPO): the phrase rule is about their lower-case form, and a page
    // naming "Shanghai Dahua Scale Factory" says nothing about what a bare "Dahua" is.
    const places = new Set<number>(
      all.flatMap((hit) =>
        hit.otherCompany && isAllCaps(vendors[hit.vendorIndex]!.vendor.name) ? [hit.vendorIndex] : [],
      ),
    );
    for (const hit of hits) {
      if (hit.brand || places.has(hit.vendorIndex)) continue;
      const start = norm.origin[hit.start]!;
      const end = norm.origin[hit.end - 1]! + lengthAt(text, norm.origin[hit.end - 1]!);
      if (chineseNameAsPersonOrPlace(text, start, end)) places.add(hit.vendorIndex);
    }
    known = {
      vendors: new Set(hits.map((h) => h.vendorIndex)),
      brands: new Set(hits.flatMap((h) => (h.brand ? [h.brand.name.toLowerCase()] : []))),
      places,
    };
    if (namedCache.size > 2_000) namedCache.clear();
    namedCache.set(key, known);
    return known;
  };
  const vendorIndexById = new Map(vendors.map((info, index) => [info.vendor.id, index]));

  const makersNearby = (context: BlockContext | undefined): MakersNearby => {
    const vendorsNamed = new Set<number>();
    const brandsNamed = new Set<string>();
    let otherMaker = false;
    const add = (text: string, makerCell: boolean) => {
      const named = namedInText(text, makerCell);
      for (const v of named.vendors) vendorsNamed.add(v);
      for (const b of named.brands) brandsNamed.add(b);
      return named;
    };
    if (context?.header) add(context.header, false);
    for (const cell of context?.item ?? []) {
      const makerCell = cell.header !== undefined && isMakerHeader(cell.header);
      const named = add(cell.text, makerCell);
      if (cell.header) add(cell.header, false);
      if (makerCell && named.vendors.size === 0 && /[\p{L}\p{N}]/u.test(cell.text)) otherMaker = true;
    }
    const page = new Set<number>();
    for (const id of context?.page ?? []) {
      const index = vendorIndexById.get(id);
      if (index !== undefined) page.add(index);
    }
    return { item: { vendors: vendorsNamed, brands: brandsNamed, places: NOBODY }, page, otherMaker };
  };

  /** A block's context, worked out once per block and only when a shared code needs it. */
  interface Nearby {
    context: BlockContext | undefined;
    makers?: MakersNearby;
  }

  /** One code found in a token, as a hit if its maker is in sight (or, at broad, as a guess); see modelHits. */
  const modelHit = (
    text: string,
    found: ReturnType<ModelIndex['match']>[number],
    named: ReadonlySet<number>,
    namedBrands: ReadonlySet<string>,
    nearby: Nearby,
  ): Hit | undefined => {
    const { compiled, start } = found;
    const { rule } = compiled;
    const vendorIndex = compiled.vendorIndex;
    const ruleBrand = rule.brand?.toLowerCase();
    let basis: ModelBasis | undefined;
    if (rule.requiresContext && !named.has(vendorIndex) && !(ruleBrand && namedBrands.has(ruleBrand))) {
      nearby.makers ??= makersNearby(nearby.context);
      const makers = nearby.makers;
      if (makers.item.vendors.has(vendorIndex) || (ruleBrand && makers.item.brands.has(ruleBrand))) basis = 'item';
      else if (makers.otherMaker) return undefined;
      else if (makers.page.has(vendorIndex)) basis = 'page';
      else if (
        sensitivity === 'broad' &&
        named.size === 0 &&
        makers.item.vendors.size === 0 &&
        found.end - start >= GUESS_MIN_LENGTH &&
        // A product line's word alone ("Avata", Finnish "to open") is a word; a guess needs the number of a model.
        /[0-9]/.test(text.slice(start, found.end))
      )
        basis = 'guess';
      else return undefined;
    }
    const brand = rule.brand ? vendors[vendorIndex]!.vendor.brands.find((b) => b.name === rule.brand) : undefined;
    const owned = !brand || OWNED.has(brand.relationship);
    return {
      vendorIndex,
      start,
      end: withRevision(text, found.end),
      kind: 'model',
      verdict: basis === 'guess' || !owned ? 'possible-match' : brand ? 'brand-of-listed-vendor' : 'listed-vendor',
      confidence: basis ? MODEL_CONFIDENCE[basis] : rule.requiresContext ? 0.9 : 0.8,
      brand,
      ...(basis ? { basis } : {}),
      ...(rule.accessory ? { accessory: true } : {}),
    };
  };

  const modelHits = (
    text: string,
    tokens: readonly CodeToken[],
    named: ReadonlySet<number>,
    namedBrands: ReadonlySet<string>,
    context: BlockContext | undefined,
  ): Hit[] => {
    const hits: Hit[] = [];
    const nearby: Nearby = { context };
    for (const token of tokens) {
      const found = models.match(token);
      const inSight = found.length > 1 ? vouchedBySiblings(found, named) : named;
      for (const code of found) {
        const hit = modelHit(text, code, inSight, namedBrands, nearby);
        if (hit) hits.push(hit);
      }
    }
    return hits;
  };

  /**
   * A list of one maker's codes ("MF286D/MF286", "E3372h-153/E3372h"): a code that is its maker's alone (a rule needing
   * no maker in sight, of the vendor itself or an owned brand) names the maker for the other codes of the list, as
   * "ZTE MF286D/MF286" would. Codes of another maker in the list gain nothing.
   */
  const vouchedBySiblings = (
    found: ReturnType<ModelIndex['match']>,
    named: ReadonlySet<number>,
  ): ReadonlySet<number> => {
    let vouched: Set<number> | undefined;
    for (const { compiled } of found) {
      const { rule, vendorIndex } = compiled;
      if (rule.requiresContext || rule.accessory || named.has(vendorIndex) || vouched?.has(vendorIndex)) continue;
      const brand = rule.brand ? vendors[vendorIndex]!.vendor.brands.find((b) => b.name === rule.brand) : undefined;
      if (rule.brand && !(brand?.confirmed && OWNED.has(brand.relationship))) continue;
      vouched ??= new Set(named);
      vouched.add(vendorIndex);
    }
    return vouched ?? named;
  };

  /** Products named in words ("Matrice 30T"), from the line words among the automaton's matches (see lines.ts). */
  const lineHits = (
    text: string,
    matches: readonly AutomatonMatch[],
    named: ReadonlySet<number>,
    namedBrands: ReadonlySet<string>,
    context: BlockContext | undefined,
  ): Hit[] => {
    if (sensitivity === 'strict' || lineWords.length === 0) return [];
    const hits: Hit[] = [];
    const nearby: Nearby = { context };
    for (const match of matches) {
      const word = lineWords[match.pattern - terms.length];
      if (!word) continue;
      const found = productAt(text, match.start, word);
      const hit = found && modelHit(text, found, named, namedBrands, nearby);
      if (hit) hits.push(hit);
    }
    return hits;
  };

  /** `taken`: sorted by start and pairwise disjoint. */
  const fuzzyHits = (norm: NormalisedText, words: readonly Span[], taken: Hit[]): Hit[] => {
    if (!fuzzy || words.length === 0) return [];
    const hits: Hit[] = [];
    const isTaken = overlapSweep(taken);
    for (const { start, end } of words) {
      if (isTaken(start, end)) continue;
      const confirmed = fuzzy.confirm(norm.text.slice(start, end));
      if (!confirmed || precededByHonorific(norm.text, start) || namesATrader(norm.text, start, end)) continue;
      const how = classify(confirmed.term);
      if (!how) continue;
      hits.push({
        vendorIndex: confirmed.term.vendorIndex,
        start,
        end,
        brand: confirmed.term.brand,
        kind: 'fuzzy',
        verdict: 'possible-match',
        resembles: confirmed.term.label,
        confidence: Math.round((1 - confirmed.score) * 0.7 * 100) / 100,
      });
    }
    return hits;
  };

  /** Whether candidates could become a hit at all: a name, a code some rule takes, a word fuzzy takes for a typo. */
  const mayHit = (text: string, found: Candidates): boolean =>
    found.names.length > 0 ||
    found.codes.some((token) => models.match(token).length > 0) ||
    (fuzzy !== null && found.words.some(({ start, end }) => fuzzy.confirm(text.slice(start, end)) !== undefined));

  const toFinding = (
    input: string,
    norm: NormalisedText,
    hit: Hit,
    mention: boolean,
    placeNames?: ReadonlySet<string>,
    withCodes?: ReadonlySet<number>,
  ): Finding | null => {
    const info = vendors[hit.vendorIndex]!;
    // A vendor no measure applies to is never presented as restricted; only broad mode asks for a review. The
    // user's own entries are the exception: the user asked for them.
    const ownEntry = info.vendor.userEntry === true;
    if (info.measures.length === 0 && sensitivity !== 'broad' && !ownEntry) return null;
    const start = norm.origin[hit.start]!;
    const end = norm.origin[hit.end - 1]! + lengthAt(input, norm.origin[hit.end - 1]!);
    if (hit.kind !== 'model' && personAfterSurname(input, start, end)) return null;
    if (hit.kind !== 'model' && negatedName(input, start, end)) return null;
    if (
      hit.kind === 'name' &&
      (longerPinyinName(input, start, end) ||
        chineseNameAsPersonOrPlace(input, start, end) ||
        placeAndCommonNoun(input, start, end) ||
        (placeNames?.has(info.vendor.id) === true &&
          !withCodes?.has(hit.vendorIndex) &&
          bareNameOfPlaceOrPerson(input, start, end, info.vendor.name)))
    )
      return null;
    // A guessed product named in words must be written as a name: "inspire 3 students" is the verb.
    if (hit.basis === 'guess' && /\s/.test(input.slice(start, end)) && !/^\p{Lu}/u.test(input.slice(start, end)))
      return null;
    if (hit.kind === 'fuzzy' && surnameOfAPerson(input, start, end)) return null;
    const brand = hit.brand;
    return {
      vendorId: info.vendor.id,
      vendorName: info.vendor.name,
      evidence: input.slice(start, end),
      start,
      end,
      kind: hit.kind,
      confidence: hit.confidence,
      verdict: mention ? 'mention' : info.measures.length === 0 && !ownEntry ? 'possible-match' : hit.verdict,
      brand: brand
        ? {
            name: brand.name,
            relationship: brand.relationship,
            until: brand.until,
            ...(brand.caveat ? { caveat: brand.caveat } : {}),
            sources: brand.sources,
          }
        : undefined,
      measures: info.measures,
      ...(hit.resembles ? { resembles: hit.resembles } : {}),
      ...(hit.basis ? { basis: hit.basis } : {}),
    };
  };

  return {
    listVersion: list.meta.version,
    namedIn(text: string): string[] {
      if (!text) return [];
      return [...namedInText(text, false).vendors].map((index) => vendors[index]!.vendor.id);
    },
    namesAsPlaces(text: string): string[] {
      if (!text) return [];
      return [...namedInText(text, false).places].map((index) => vendors[index]!.vendor.id);
    },
    scanText(input: string, context?: BlockContext): Finding[] {
      if (!input) return [];
      // Most blocks need nothing but lower-casing, and most of the rest only collapsed whitespace: the candidate pass
      // checks that as it goes, on the lower-cased input. Only text that may hold a finding pays for the normaliser.
      const lower = input.toLowerCase();
      const screened = lower.length === input.length ? findCandidates(lower, sources, input) : null;
      // A block whose candidates are all ordinary words and codes ("security", "ip66") is done here, from caches.
      if (screened && !mayHit(lower, screened)) return [];
      let norm: NormalisedText;
      let candidates: Candidates;
      if (screened && !screened.collapsible) {
        norm = new Unchanged(lower);
        candidates = screened;
      } else {
        norm = normalise(input);
        candidates = findCandidates(norm.text, sources)!;
      }
      if (candidates.names.length + candidates.codes.length + candidates.words.length === 0) return [];
      const makerCell = context?.header !== undefined && isMakerHeader(context.header);
      const pending: Hit[] = [];
      const names = withoutOtherCompanies(
        longestFirst(nameHits(norm, candidates.names, makerCell, input, pending), norm.text.length),
      );
      // Most blocks that get this far name nobody (a word that looked like a typo, a code like "ip66").
      const named = names.length === 0 ? NOBODY : new Set(names.map((h) => h.vendorIndex));
      const namedBrands =
        names.length === 0 ? NO_BRAND : new Set(names.flatMap((h) => (h.brand ? [h.brand.name.toLowerCase()] : [])));
      // Names are disjoint and sorted by start, and so are codes (one per token, tokens in order): every overlap
      // check below is a sweep, linear in the number of hits.
      const isName = overlapSweep(names);
      const codeTokens =
        names.length === 0 || !sources.models ? candidates.codes : afterGluedNames(norm.text, candidates.codes, names);
      const tokens = modelHits(norm.text, codeTokens, named, namedBrands, context);
      const products = lineHits(norm.text, candidates.names, named, namedBrands, context);
      // Codes inside a product name ("h20t" in "Zenmuse H20T") give way to it; the rest stay sorted and disjoint.
      const codes = (products.length === 0 ? tokens : longestFirst([...tokens, ...products], norm.text.length)).filter(
        (code) => !isName(code.start, code.end),
      );
      // A short name right before its own vendor's product is that vendor ("道通智能 EVO II Pro 无人机", "大华 DH-IPC-HFW2431S").
      const allNames = pending.length === 0 ? names : withOwnProductAfter(norm.text, names, pending, codes);
      const exact = mergeByStart(allNames, codes);
      const all = mergeByStart(exact, fuzzyHits(norm, candidates.words, exact));
      if (all.length === 0) return [];
      // Accessories and compatibility lines name the vendor only as what the product is for.
      const mentions = mentionFlags(
        norm.text,
        all.map((hit) => ({ start: hit.start, end: hit.end, named: hit.kind !== 'model' })),
      );
      const ownAccessory = codes.some((code) => code.accessory) ? namesOfOwnAccessory(norm.text, all) : null;
      // A page that uses a vendor's name as a place or person still flags it beside the vendor's own codes.
      const withCodes = context?.placeNames?.size ? new Set(codes.map((code) => code.vendorIndex)) : undefined;
      const findings: Finding[] = [];
      const seen = new Set<string>();
      for (let index = 0; index < all.length; index++) {
        const hit = all[index]!;
        const mention = mentions?.[index] === true || hit.accessory === true || ownAccessory?.[index] === true;
        const finding = toFinding(input, norm, hit, mention, context?.placeNames, withCodes);
        if (!finding) continue;
        const key = `${finding.vendorId}\u0000${finding.start}\u0000${finding.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(finding);
      }
      return findings;
    },
  };
}

/** At most three words (no digits) between a name and the code it names: "Hikvision bracket DS-1272ZJ-110". */
const NAME_TO_CODE = /^[\s,:-]*(?:\p{L}+[\s,:-]+){0,3}$/u;

/**
 * For each hit (sorted, disjoint), whether it is a vendor's name or brand right before a code of that vendor's own
 * accessory ("Hikvision DS-1280ZJ-XS junction box", "Wall mount bracket, Hikvision DS-1272ZJ-110"): the listing sells
 * the bracket, not the vendor's equipment, so the name is a mention like the code (ModelRule.accessory).
 */
function namesOfOwnAccessory(text: string, hits: readonly Hit[]): boolean[] {
  return hits.map((hit, index) => {
    const next = hits[index + 1];
    return (
      hit.kind !== 'model' &&
      next?.accessory === true &&
      next.vendorIndex === hit.vendorIndex &&
      NAME_TO_CODE.test(text.slice(hit.end, next.start))
    );
  });
}

/** A code token as the candidate pass cuts one (candidates.ts), from a given offset. */
const CODE_TOKEN = /[a-z0-9](?:[a-z0-9+]|[-/](?=[a-z0-9]))*/y;

/**
 * Code tokens with a name glued to their head cut off: in "HikvisionDS-7608NI-K2/8P" the candidate pass sees one token
 * "hikvisionds-7608ni-k2/8p", which it may drop (no rule's code starts it or a tail after '-') or whose only code is
 * a tail ("2cd2143g2-i" of "hikvisionds-2cd2143g2-i"). A name hit ends inside a word only where camelCaseEnd let it,
 * so the code is cut from the name's end. Codes are sorted by start and so are names; names are few.
 */
function afterGluedNames(text: string, codes: readonly CodeToken[], names: readonly Hit[]): readonly CodeToken[] {
  let cut: CodeToken[] | undefined;
  for (const name of names) {
    CODE_TOKEN.lastIndex = name.end;
    const found = CODE_TOKEN.exec(text);
    if (!found || !/[0-9]/.test(found[0])) continue;
    const token = { text: found[0], start: name.end, end: name.end + found[0].length };
    cut ??= [...codes];
    // The candidate pass's token for the same run, if it kept one: it ends where this one does.
    const at = cut.findIndex((code) => code.end === token.end);
    if (at >= 0) cut[at] = token;
    else cut.splice(cut.findIndex((code) => code.start > token.start) >>> 0, 0, token);
  }
  return cut ?? codes;
}

/** Another company's name won over the vendor's name inside it; it is no finding itself. */
function withoutOtherCompanies(hits: Hit[]): Hit[] {
  return hits.some((hit) => hit.otherCompany) ? hits.filter((hit) => !hit.otherCompany) : hits;
}

/**
 * Among overlapping hits keep the longest ("Hikvision Digital Technology" over "Hikvision"); the result is sorted
 * by start and pairwise disjoint. O(n log n): the kept spans live in an occupancy tree, not a list scanned per hit.
 */
function longestFirst(hits: Hit[], textLength: number): Hit[] {
  if (hits.length < 2) return hits;
  const sorted = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const occupied = new Occupancy(textLength);
  const kept: Hit[] = [];
  for (const hit of sorted) {
    if (occupied.overlaps(hit.start, hit.end)) continue;
    occupied.add(hit.start, hit.end);
    kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * "Li Dahua", "Zhang Huawei": a single title-case word right after a title-case Chinese surname, in the original
 * text (`start`, `end` are offsets into it).
 */
function personAfterSurname(input: string, start: number, end: number): boolean {
  if (!/^\p{Lu}\p{Ll}+$/u.test(input.slice(start, end))) return false;
  const before = input.slice(Math.max(0, start - 8), start).match(/(?:^|[^\p{L}])(\p{Lu}\p{Ll}+) $/u);
  return before !== null && SURNAMES.has(before[1]!);
}

/** One syllable of Hanyu Pinyin without tones (an initial, then a final): "hua", "wei", "ju", "zhong". */
const PINYIN_SYLLABLE =
  /^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ui|ao|ou|iu|ie|ue|er|an|en|in|un|ia|ua|uo|a|o|e|i|u|v)$/i;
const isTitlePinyin = (word: string | undefined) =>
  word !== undefined && /^\p{Lu}\p{Ll}*$/u.test(word) && PINYIN_SYLLABLE.test(word);

/**
 * A name spelt as separate title-case pinyin syllables ("Hua Wei") that runs on into another syllable ("Hua Wei
 * Ju", a restaurant) or follows a Chinese surname ("Li Hua Wei", a person) is part of a longer Chinese name, not
 * the company. Written as one word ("Huawei") or in capitals it is left alone. Offsets are in the original.
 */
function longerPinyinName(input: string, start: number, end: number): boolean {
  const syllables = input.slice(start, end).split(' ');
  if (syllables.length < 2 || !syllables.every(isTitlePinyin)) return false;
  const next = input.slice(end, end + 12).match(/^ (\p{L}+)(?![\p{L}\p{N}])/u)?.[1];
  const before = input.slice(Math.max(0, start - 12), start).match(/(?:^|[^\p{L}])(\p{L}+) $/u)?.[1];
  return isTitlePinyin(next) || (before !== undefined && SURNAMES.has(before));
}

/** A word that is whole syllables of pinyin: "Dahua" (da-hua), "Huawei" (hua-wei), not "Hikvision". */
function isPinyinWord(word: string): boolean {
  const lower = word.toLowerCase();
  const split = (at: number, left: number): boolean => {
    if (at === lower.length) return left < 3;
    if (left === 0) return false;
    for (let end = Math.min(lower.length, at + 6); end > at; end--) {
      if (PINYIN_SYLLABLE.test(lower.slice(at, end)) && split(end, left - 1)) return true;
    }
    return false;
  };
  return lower.length > 3 && split(0, 3);
}

/** After a romanised Chinese place name: what it is ("Dahua County", "Dahua Yao autonomous county", "Dahua Town"). */
const PLACE_AFTER =
  /^ (?:(?:\p{Lu}\p{Ll}+ )?(?:autonomous (?:county|prefecture|region)|county|town|township|village|district|prefecture))(?![\p{L}\p{N}])/iu;

/** A Chinese name used as a person's or a place's, spelt in pinyin or in Cyrillic (cyrillic-names.ts). */
function chineseNameAsPersonOrPlace(input: string, start: number, end: number): boolean {
  return pinyinNameOfPersonOrPlace(input, start, end) || cyrillicChineseNameAsPersonOrPlace(input, start, end);
}

/**
 * A name that is a Chinese given name or place spelt in pinyin, and used as one: a person in Western order ("Dahua
 * Lin", an author; "@author Dahua Lin"), a given name before a title-case Chinese surname, or a county or town
 * ("Dahua Yao Autonomous County", "Dahua Town"). Only title-case single words made of pinyin syllables qualify, so
 * "Hikvision", "DAHUA" and "Dahua HAC-HFW1200" are left alone. Offsets are in the original.
 */
function pinyinNameOfPersonOrPlace(input: string, start: number, end: number): boolean {
  const word = input.slice(start, end);
  if (!/^\p{Lu}\p{Ll}+$/u.test(word) || !isPinyinWord(word)) return false;
  const after = input.slice(end, end + 40);
  const surname = after.match(/^ (\p{Lu}\p{Ll}+)(?![\p{L}\p{N}-])/u)?.[1];
  return (surname !== undefined && SURNAMES.has(surname)) || PLACE_AFTER.test(after);
}

/**
 * A carrier's name that is a place and an ordinary noun, written with the noun in lower case in text that uses
 * capitals: "China mobile internet users", "China telecom market", "Pacific networks of islands" describe a country's
 * market, not China Mobile or Pacific Networks. As the name ("China Mobile"), in capitals or all in lower case (a
 * search-style title) it is left alone. Offsets are in the original.
 */
function placeAndCommonNoun(input: string, start: number, end: number): boolean {
  return /^(?:China|Pacific)[\s-]+(?:mobile|telecom|networks)$/u.test(input.slice(start, end));
}

/** What may stand between a short name and its vendor's product right after it: a space, a colon, a dash. */
const BEFORE_OWN_PRODUCT = /^[\s:：-]{0,2}$/u;

/**
 * The short names (context names) that nothing else confirmed but that stand right before a product of their own
 * vendor ("道通智能 EVO II Pro 无人机": the product word 无人机 is further than the window), added to `names` in order.
 * A product of another vendor, or one further away, confirms nothing.
 */
function withOwnProductAfter(text: string, names: Hit[], pending: readonly Hit[], codes: readonly Hit[]): Hit[] {
  const confirmed = pending.filter(
    (name) =>
      // It must start a word: after a Han character it is part of a name (张大华) or of another word.
      !/\p{Script=Han}/u.test(text[name.start - 1] ?? '') &&
      codes.some(
        (code) =>
          code.vendorIndex === name.vendorIndex &&
          code.start >= name.end &&
          code.start - name.end <= 2 &&
          BEFORE_OWN_PRODUCT.test(text.slice(name.end, code.start)),
      ),
  );
  if (confirmed.length === 0) return names;
  return [...names, ...confirmed].sort((a, b) => a.start - b.start);
}

/** "non-" (French and Italian "non ", German "nicht-") right before a name, at the start of a word. */
const NEGATION_BEFORE = /(?:^|[^\p{L}\p{N}])(?:non[-\u2010\u2011 ]|nicht-)$/iu;
/** "-free" right after a name ("Huawei-free networks"); "Huawei free trial" with a space is about price. */
const NEGATION_AFTER = /^[-\u2010\u2011]free(?![\p{L}\p{N}])/iu;

/**
 * A name that the text denies: "non-Huawei equipment", "replacing non-Huawei handsets", "un réseau non Huawei", a
 * "Huawei-free" network. The phrase says the thing is not the vendor's, so it is no finding at all: never "Listed
 * vendor" on a product, and not a mention either (a mention says the thing is an accessory for the vendor's). The
 * vendor named plainly elsewhere on the page is still found. Offsets are in the original.
 */
function negatedName(input: string, start: number, end: number): boolean {
  return (
    NEGATION_BEFORE.test(input.slice(Math.max(0, start - 7), start)) || NEGATION_AFTER.test(input.slice(end, end + 6))
  );
}

const isAllCaps = (name: string) => /\p{Lu}/u.test(name) && name === name.toUpperCase();

/** Product words after a name that make it the maker even on a page that uses the name as a place. */
const PRODUCT_AFTER =
  /^(?:'s)? (?:camera|cameras|cctv|nvr|nvrs|dvr|dvrs|ipc|dome|bullet|turret|ptz|technology|vision|security|recorder|recorders|phone|phones|router|routers|modem|kamera|kameras|caméra|caméras|cámara|cámaras)(?![\p{L}\p{N}])/iu;

/**
 * On a page that uses a pinyin vendor name as a place or person (BlockContext.placeNames), the bare name elsewhere is
 * that place or person: "Dahua has abundant hydropower resources", "runs through Dahua", a personal site
 * "dahua.site"; on a page that has one of a vendor's other phrases ("oppo research"), a name the list writes in
 * capitals is the phrase's word when written in lower case ('shortened to "oppo"'). Not when a product word follows it ("Dahua cameras") or the block has the vendor's codes (the
 * caller checks those). Offsets are in the original.
 */
function bareNameOfPlaceOrPerson(input: string, start: number, end: number, label: string): boolean {
  const word = input.slice(start, end);
  if (PRODUCT_AFTER.test(input.slice(end, end + 16))) return false;
  // A name the list writes in capitals ("OPPO"), in lower case on a page that uses it in a phrase ("oppo research").
  if (/^\p{Ll}+$/u.test(word) && label === label.toUpperCase() && word === label.toLowerCase()) return true;
  if (!isPinyinWord(word)) return false;
  if (/^\p{Lu}\p{Ll}+$/u.test(word)) return true;
  // In lower case only as a web address's name: "http://dahua.site/".
  return (
    /^\p{Ll}+$/u.test(word) &&
    /^\.[a-z]{2,}(?![a-z0-9-]*\.[a-z])/.test(input.slice(end, end + 12)) &&
    /(?:\/\/|www\.)$/.test(input.slice(Math.max(0, start - 8), start))
  );
}

/** Before a person's name: a byline ("By", "Von", "Par") or a credit ("Reporter:", "Photo:"). */
const BYLINE_CUE =
  /(?:^|[^\p{L}])(?:by|von|par|por|di|da|door|av|author|reporter|photo|text|editor|written by)[:]? $/iu;
/** After a person's name: the verbs of reported speech. */
const SPEECH_VERB = /^,? (?:said|says|told|wrote|writes|reports|reported|added|explained)\b/;

/**
 * A misspelt-looking word that is the surname in a person's name: a title-case word after a title-case given name,
 * with a byline before ("By Anna Huawie") or reported speech after ("Anna Huawie said"). A name one letter from a
 * vendor's is somebody's surname far more often than a seller's slip in such a place. Offsets are in the original.
 */
function surnameOfAPerson(input: string, start: number, end: number): boolean {
  if (!/^\p{Lu}\p{Ll}+$/u.test(input.slice(start, end))) return false;
  const given = input.slice(Math.max(0, start - 40), start).match(/(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?) $/u);
  if (!given) return false;
  const beforeGiven = input.slice(Math.max(0, start - given[0].length - 16), start - given[0].length);
  return BYLINE_CUE.test(beforeGiven) || SPEECH_VERB.test(input.slice(end, end + 12));
}

/** Words after a name that make it a trader's own name ("Quectei Electronics Ltd", "Hikvisio Store"). */
const TRADER_WORDS =
  /^ ?(?:ltd|limited|inc|llc|gmbh|plc|pty|srl|sarl|sas|bv|oy|kft|spa|corp|corporation|company|co|store|shop|shops|official|trading|traders|electronics|supplies|direct|outlet|marketplace|seller)\b/;
/** Words before a name that make it the seller ("sold by Fibocon", "visit the Huawie store"). */
const SELLER_CUE =
  /(?:sold by|ships from|shipped by|dispatched by|seller|verkauf durch|vendu par|vendido por|venduto da|visit the|store:|shop:)[: ]*$/;

/**
 * Whether a misspelt-looking word is a trader's own name: sellers misspell a maker's name in product titles, but a
 * shop or company calls itself what it likes ("Fibocon Electronics", "sold by Hikvisa"), and taking that for the
 * maker accuses the trader.
 */
function namesATrader(text: string, start: number, end: number): boolean {
  return TRADER_WORDS.test(text.slice(end, end + 14)) || SELLER_CUE.test(text.slice(Math.max(0, start - 24), start));
}

/** Katakana letters and the prolonged sound mark (not the middle dot "・", which separates words). */
const KATAKANA = /[\u30A1-\u30FA\u30FC-\u30FF\u31F0-\u31FF]/;
const HANGUL = /[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]/;

/**
 * Katakana and Hangul spell foreign names by sound, so a listed name can hide inside a longer word: ハイテラ in
 * ハイテラス ("high terrace", a block of flats). A katakana name must not run on into katakana either side; a Hangul
 * name must start a word, but may take particles after it (화웨이는, 화웨이의).
 */
function insideKanaOrHangulWord(key: string, text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (KATAKANA.test(key[0]!) && before !== undefined && KATAKANA.test(before)) return true;
  if (KATAKANA.test(key.at(-1)!) && after !== undefined && KATAKANA.test(after)) return true;
  return HANGUL.test(key[0]!) && before !== undefined && HANGUL.test(before);
}

/**
 * The genitive "s" written straight onto a company's name in German and the Nordic languages ("Huaweis Produkte",
 * "Huaweis konsumentverksamhet", "ZTEs telefoner"): the name is still the company. Vendor names only (a brand + s
 * may be a word: "Decos"), and only one "s" before the word ends.
 */
function genitiveS(term: Term, text: string, end: number): boolean {
  return (
    text.charCodeAt(end) === 115 &&
    !isLatinSideWord(text[end + 1]) &&
    !term.brand &&
    !term.requiresContext &&
    !term.otherCompany
  );
}

/**
 * A name glued to the next word in camel case ("HikvisionDS-2CD2143G2-I", "HuaweiMate 60"): a lower-case letter
 * then a capital is where one word ends and the next begins, as in the original text. Not across capitals
 * ("ZTEMF823" may be anything) nor lower case ("hikvisionary").
 */
function camelCaseEnd(input: string, norm: NormalisedText, end: number): boolean {
  const last = norm.origin[end - 1]!;
  const next = norm.origin[end]!;
  return next === last + 1 && /\p{Ll}/u.test(input[last] ?? '') && /\p{Lu}/u.test(input[next] ?? '');
}

/** A letter or digit that joins a Latin name into a longer word: any but CJK, whose scripts do not space words. */
function isLatinSideWord(char: string | undefined): boolean {
  return isWordChar(char) && !isCjk(char);
}

function precededByHonorific(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 12), start).match(/([a-z]+)\.? $/);
  return before !== null && HONORIFICS.has(before[1]!);
}

/** UTF-16 length of the character at `index` (2 for astral code points). */
function lengthAt(text: string, index: number): number {
  const code = text.codePointAt(index);
  return code !== undefined && code > 0xffff ? 2 : 1;
}

/**
 * Where a code ends once a hardware revision written straight after it in brackets is included: makers mark
 * revisions of one model that way ("DS-KV6113-WPE1(C)", "DS-2CD2432F-I(W)", "IPC-D140H(C)"), one letter each.
 */
function withRevision(text: string, end: number): number {
  let at = end;
  while (text.charCodeAt(at) === 40 && /^[a-z]$/.test(text[at + 1] ?? '') && text.charCodeAt(at + 2) === 41) at += 3;
  return at;
}
