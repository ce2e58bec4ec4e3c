/**
 * The watchlist data model. One source of truth: the zod schemas below validate the human-edited
 * files under `data/`, the bundled `public/watchlist.json`, remote updates and users' own entries;
 * the TypeScript types are inferred from them. Pure: no browser or Node APIs.
 */
import { z } from 'zod';

// Extension pages forbid eval; zod's JIT would only probe for it and log CSP errors. The plain validator is fast enough.
z.config({ jitless: true });

const SCHEMA_VERSION = 1;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "hikvision" or "us-fcc-covered-list"');
/** Calendar date `YYYY-MM-DD`; `YYYY-MM` or `YYYY` where the record only gives a month or a year. */
const isoDate = z
  .string()
  .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'must be a date like 2023-02-06 (or 2022-10 / 2022 when only that is known)');
const isoDateTime = z.iso.datetime({ offset: true });
/** ISO 3166-1 alpha-2 country code, or `EU`. */
export const jurisdictionCode = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter code such as US, GB, AU, TW, EU');

export const sourceSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  title: z.string().min(3),
  publisher: z.string().min(2),
  /** Publication date of the source document, if known. */
  date: isoDate.optional(),
  /** true when this is the authority's own publication (regulator page, Federal Register, gov.uk, Hansard). */
  primary: z.boolean(),
});
export type Source = z.infer<typeof sourceSchema>;

/** What a measure restricts. Severity is derived from this and the status, never typed by hand. */
const measureScope = z.enum([
  'federal-procurement', // a government may not buy it / contract with users of it
  'equipment-authorisation', // new models cannot be authorised for sale/import
  'sales-ban', // may not be sold / updated to anyone in the jurisdiction
  'government-sensitive-sites', // not to be deployed at sensitive government sites
  'government-ict', // barred from government use generally
  'telecom-network', // operators must remove / not deploy it
  'defence-contracting', // defence department designation / contracting ban
  'federal-subsidy', // public subsidies may not be spent on it
  'public-procurement-debarment',
  'export-control', // supplying the firm needs a licence; NOT a purchase ban
  'advisory', // official advice, no legal prohibition
]);
export type MeasureScope = z.infer<typeof measureScope>;

const measureStatus = z.enum(['in-force', 'proposed', 'historical', 'withdrawn']);
export type MeasureStatus = z.infer<typeof measureStatus>;

/**
 * A measure either names companies (each vendor file lists it) or defines a category
 * (e.g. "companies subject to the PRC National Intelligence Law"), which applies to every vendor
 * whose home jurisdiction and product categories fall inside it. The category wording is shown as is.
 */
const measureAppliesTo = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('named') }),
  z
    .object({
      kind: z.literal('category'),
      /** The instrument's own words for whom it covers. */
      wording: z.string().min(10),
      /** Vendors headquartered in one of these (e.g. CN for "subject to the PRC National Intelligence Law"). */
      homeJurisdictions: z.array(jurisdictionCode).default([]),
      /**
       * Or: every vendor based outside this jurisdiction (the FCC's "routers produced in a foreign country"). The
       * measure still only ever informs about a vendor already on the list; it never flags a product by itself.
       */
      foreignTo: jurisdictionCode.optional(),
      /** Product categories the measure covers; empty means all of the vendor's products. */
      productCategories: z.array(z.string()).default([]),
    })
    .refine((rule) => rule.homeJurisdictions.length > 0 || rule.foreignTo, {
      message: 'a category measure needs `homeJurisdictions` or `foreignTo`',
      path: ['homeJurisdictions'],
    }),
]);

export const measureSchema = z.object({
  id: slug,
  /** Short name for a badge or a table, e.g. "FCC Covered List". */
  title: z.string().min(3),
  authority: z.string().min(2),
  instrument: z.string().min(3),
  jurisdiction: jurisdictionCode,
  scope: measureScope,
  /** One line on what it restricts and for whom, in plain words. */
  scopeText: z.string().min(10),
  status: measureStatus,
  dates: z.object({
    announced: isoDate.optional(),
    effective: isoDate.optional(),
    ended: isoDate.optional(),
  }),
  /** One plain-language paragraph for someone who has never heard of the authority. */
  summary: z.string().min(40),
  appliesTo: measureAppliesTo,
  sources: z.array(sourceSchema).min(1),
});
export type Measure = z.infer<typeof measureSchema>;

/** Evidence vocabulary for a brand/entity link; the warning wording follows it. */
const relationship = z.enum([
  'subsidiary', // majority-owned, shown in a filing or official source
  'brand', // a brand the vendor itself markets
  'former-subsidiary', // divested; `until` required
  'reported-oem', // press investigation says products are relabelled vendor hardware
  'community-oem', // integrators say so (same firmware/API); informational only
  'technical-link', // shared USB IDs / firmware; suggests common design, not ownership
  'reported-front', // reported as set up to get around restrictions
]);
export type Relationship = z.infer<typeof relationship>;

/**
 * A name the vendor is known by in a language our users read (ファーウェイ, 하이크비전, 中国移动), with the public source
 * where the company or a major outlet writes it so: a vendor's localized site, a retailer, a national newspaper.
 */
const localNameSchema = z.object({
  name: z.string().min(2),
  /** BCP 47 language (and script) of the spelling: ja, ko, ru, zh-Hans, zh-Hant. */
  lang: z.string().regex(/^[a-z]{2}(?:-[A-Z][a-z]{3})?$/, 'must be a language tag like ja, ko, ru or zh-Hans'),
  sources: z.array(sourceSchema).min(1),
});

/** The languages whose readers' names every vendor is checked for (issue 14): each needs a name, a Latin entry or a gap. */
export const READER_LANGS = ['zh-Hans', 'zh-Hant', 'ja', 'ko', 'ru'] as const;
const readerLang = z.enum(READER_LANGS);

/**
 * A language whose pages sell the vendor under its Latin name (Russian shops write "Видеокамеры Hikvision", DJI's own
 * Japanese site writes "DJI"): that is the name it is sold under there, so none is invented. Records that the cell was
 * checked; the engine already matches the Latin name. The build checks that `seen` contains one of the names.
 */
const latinNameUseSchema = z.object({
  lang: readerLang,
  /** The words as the source writes them ("Видеокамеры Hikvision"), with the Latin name in them. */
  seen: z.string().min(3),
  sources: z.array(sourceSchema).min(1),
});

/**
 * A language checked with no name found that the market sells the vendor under, and why (no page of the vendor, a
 * seller or a major outlet in that language could be read; a reading that is also an ordinary word was left out).
 */
const nameGapSchema = z.object({
  lang: readerLang,
  note: z.string().min(10),
});

/**
 * A short Chinese name that is also an ordinary word or another entity's name (大华: also UOB, 大华银行; 萤石: the
 * mineral fluorite). It counts only next to a product word and never before a word that makes it another entity; see
 * lib/engine/context.ts and data/README.md. Never a plain alias.
 */
const contextNameSchema = z
  .string()
  .regex(/^\p{Script=Han}{2,4}$/u, 'must be a short Chinese name (2 to 4 Han characters)');

const brandSchema = z
  .object({
    name: z.string().min(2),
    aliases: z.array(z.string().min(2)).default([]),
    /** The brand's short Chinese names that need context, like a vendor's `contextNames` (萤石 for EZVIZ). */
    contextNames: z.array(contextNameSchema).default([]),
    /**
     * Computed by the build, never written by hand: the other Chinese script's forms of the brand's name and aliases
     * (as a vendor's `scriptForms`). Context names get theirs in `contextNames`.
     */
    scriptForms: z.array(z.string().min(2)).default([]),
    /** As a vendor's: names in the readers' languages, Latin-name uses and gaps (checked for confirmed brands). */
    localNames: z.array(localNameSchema).default([]),
    latinNameIn: z.array(latinNameUseSchema).default([]),
    nameGaps: z.array(nameGapSchema).default([]),
    relationship,
    since: isoDate.optional(),
    until: isoDate.optional(),
    /** When a maintainer last checked the claim against its source (for sources that carry no date). */
    checked: isoDate.optional(),
    /** false: the claim could not be confirmed from a source; it is kept for review and never drives a warning. */
    confirmed: z.boolean(),
    note: z.string().optional(),
    /**
     * Shown on the warning next to the brand path, in the list's words: what a buyer must know about the link
     * that the relationship alone does not say (e.g. a sale approved but not known to be complete).
     */
    caveat: z.string().min(10).optional(),
    sources: z.array(sourceSchema).min(1),
  })
  .refine((b) => b.relationship !== 'former-subsidiary' || b.until, {
    message: 'a former-subsidiary needs an `until` date',
    path: ['until'],
  });
export type Brand = z.infer<typeof brandSchema>;

const modelRuleSchema = z.object({
  id: slug,
  /** JavaScript RegExp source, matched case-insensitively against normalised text (dashes folded to '-'). */
  pattern: z.string().min(3),
  description: z.string().min(3),
  /** Real product codes that must match. */
  examples: z.array(z.string()).min(1),
  /** Other makers' codes that must not match. */
  collisions: z.array(z.string()).default([]),
  /** A bare code counts only when the vendor or one of its brands is named nearby. */
  requiresContext: z.boolean(),
  /** Which brand the code belongs to, when it is a brand's range (e.g. "HiLook"). */
  brand: z.string().optional(),
  /**
   * For products named in words and numbers ("Matrice 30T", "EVO Max 4T"): the product-line words the name starts
   * with. The pattern is then matched from such a word across spaces, instead of on one code token.
   */
  lines: z.array(z.string().min(3)).optional(),
  /**
   * The vendor's own accessories (Hikvision's DS-12xxZJ brackets and junction boxes): a code is found, but as a
   * mention of the vendor, never as its listed equipment.
   */
  accessory: z.boolean().optional(),
  sources: z.array(sourceSchema).default([]),
});
export type ModelRule = z.infer<typeof modelRuleSchema>;

/** A vendor's link to a named measure, with any vendor-specific qualifier (e.g. FCC "to the extent used for..."). */
const listingSchema = z.object({
  measure: slug,
  /** Date this vendor was listed/named under the measure. */
  date: isoDate,
  /** Vendor-specific limit on the measure, in the instrument's words. */
  qualifier: z.string().optional(),
  /** Overrides the measure's status for this vendor (e.g. removed from a list). */
  status: measureStatus.optional(),
  /** false: listed in the record only by a secondary source that could not be confirmed; never drives a warning. */
  confirmed: z.boolean().default(true),
  note: z.string().optional(),
  sources: z.array(sourceSchema).min(1),
});
export type Listing = z.infer<typeof listingSchema>;

export const vendorSchema = z.object({
  id: slug,
  name: z.string().min(2),
  legalNames: z.array(z.object({ name: z.string().min(2), script: z.enum(['Latn', 'Hans', 'Hant', 'Cyrl']) })).min(1),
  aliases: z.array(z.string().min(2)).default([]),
  /**
   * Short Chinese names that are also ordinary words or other entities' names (大华: also UOB, 大华银行; 中兴:
   * "revival", street names). They count only next to a product word and never before a word that makes them
   * another entity; see data/README.md. Never plain aliases.
   */
  contextNames: z.array(contextNameSchema).default([]),
  /**
   * Where the vendor's names that carry no source of their own (Chinese legal names, aliases, context names) were read:
   * its own site, code or filings, a seller, a major outlet. Each name added since December 2026 is backed here.
   */
  nameSources: z.array(sourceSchema).default([]),
  /** Names in the languages our users read, each with its source. */
  localNames: z.array(localNameSchema).default([]),
  /** Languages whose pages sell the vendor under its Latin name, each with the page it was read on. */
  latinNameIn: z.array(latinNameUseSchema).default([]),
  /** Languages checked with no name found (see nameGapSchema). Every reader language is a local name, Latin or a gap. */
  nameGaps: z.array(nameGapSchema).default([]),
  /**
   * Computed by the build, never written by hand: the other Chinese script's forms (Traditional, Simplified, Japanese
   * shinjitai) of the names above, from OpenCC's tables (scripts/lib/script-variants.ts). Context names get theirs in
   * `contextNames`.
   */
  scriptForms: z.array(z.string().min(2)).default([]),
  tickers: z.array(z.string()).default([]),
  /**
   * Other companies whose names contain one of this vendor's names ("Shanghai Dahua Scale Factory"): text naming
   * them is not this vendor. Found by the negative lexicon test (data/lexicon).
   */
  otherCompanies: z.array(z.string().min(3)).default([]),
  /**
   * Ordinary phrases that contain one of the vendor's names but do not name it: 中国移动互联网 is "China's mobile
   * internet", 中国电信业 "China's telecoms industry". Like `otherCompanies`, they hide the name inside them.
   */
  otherPhrases: z.array(z.string().min(3)).default([]),
  country: jurisdictionCode,
  /** Product categories, used by category measures, e.g. "video-surveillance", "telecom", "iot-module". */
  productCategories: z.array(z.string()).default([]),
  description: z.string().min(20),
  brands: z.array(brandSchema).default([]),
  models: z.array(modelRuleSchema).default([]),
  listings: z.array(listingSchema).default([]),
  /** Added by the user or their organisation in the options page, not by the VendorWatch list. */
  userEntry: z.boolean().optional(),
  /** An own entry's reason, shown on its card ("Not on our approved list: procurement policy 2026/3"). */
  ownReason: z.string().max(300).optional(),
  /** Things the record shows that must NOT be shown as a restriction (considered, withdrawn, vacated). */
  notes: z.array(z.object({ text: z.string().min(10), sources: z.array(sourceSchema).min(1) })).default([]),
});
export type Vendor = z.infer<typeof vendorSchema>;

/** One review of the list against an official source (see `reviewed` below). */
export const reviewSchema = z.object({
  /** Short name shown to users, e.g. "FCC Covered List". */
  source: z.string().min(3),
  url: z.url({ protocol: /^https$/ }),
  /** The day a maintainer compared the list with this source. */
  date: isoDate,
  /** What was compared (an edition, or a copy with its date) when that matters. */
  against: z.string().min(3).optional(),
});
export type Review = z.infer<typeof reviewSchema>;

export const listMetaSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** Monotonic: an update is accepted only with a higher version. */
  version: z.number().int().positive(),
  generatedAt: isoDateTime,
  expiresAt: isoDateTime,
  /**
   * When maintainers last checked the list against each official source (the DoD 1260H list, the FCC Covered List,
   * the Entity List...). Shown to users as the list's freshness; optional so older lists still load.
   */
  reviewed: z.array(reviewSchema).optional(),
});
export type ListMeta = z.infer<typeof listMetaSchema>;

export const watchlistSchema = z.object({
  meta: listMetaSchema,
  measures: z.array(measureSchema),
  vendors: z.array(vendorSchema),
  /**
   * Real words and other companies' names (from the negative lexicon in data/lexicon) that are one slip from a
   * listed name, so fuzzy matching would take them for it: it never does. Computed by the build, never by hand.
   */
  fuzzyExclusions: z.array(z.string().regex(/^[a-z][a-z0-9]*$/, 'must be a lower-case Latin word')).optional(),
});
export type Watchlist = z.infer<typeof watchlistSchema>;
