/**
 * The searchable terms of a watchlist: every vendor name, legal name, alias and brand, normalised and
 * "squeezed" (separators removed) so "Hik-Vision", "HIK VISION" and "Hikvision" are one term.
 */
import type { Brand, Vendor, Watchlist } from '../watchlist/schema';
import { isCjk, normaliseTerm } from './normalise';

/** Characters people put inside names without changing them: spaces, hyphens, dots, apostrophes, katakana's middle dot. */
export const SEPARATORS = new Set([' ', '-', '.', '_', "'", '\u2019', '\u00B7', '\u30FB']);
const SEPARATOR_CODES = new Set([...SEPARATORS].map((c) => c.charCodeAt(0)));
/** `SEPARATORS.has(text[i])` by UTF-16 code, without building a one-character string per character. */
export function isSeparatorCode(code: number): boolean {
  return code < 0x80
    ? code === 32 || code === 45 || code === 46 || code === 95 || code === 39
    : SEPARATOR_CODES.has(code);
}

export interface Term {
  /** Normalised and squeezed. */
  key: string;
  /** As written in the watchlist. */
  label: string;
  vendorIndex: number;
  brand?: Brand;
  /** Starts / ends with a CJK character, so no word boundary is needed on that side. */
  cjkStart: boolean;
  cjkEnd: boolean;
  /** A short name that counts only in context (the vendor's `contextNames`; see context.ts). */
  requiresContext: boolean;
  /** Another company's name that contains the vendor's ("Shanghai Dahua Scale Factory"): it wins and is dropped. */
  otherCompany?: boolean;
}

/**
 * Company-type suffixes ("Co., Ltd.", "Inc.", "GmbH", "有限公司") say nothing about who the company is; names are
 * indexed without them so "DAHUA TECHNOLOGY CO., LTD" and "Dahua Technology" match alike.
 */
const COMPANY_SUFFIX =
  /(?:[\s,]+(?:co|company|corp|corporation|inc|incorporated|ltd|limited|llc|l\.l\.c|gmbh|ag|s\.?a|plc|holdings?|group)\.?)+$|(?:股份有限公司|有限责任公司|有限責任公司|有限公司|集团|集團)$/u;

export function stripCompanySuffix(normalised: string): string {
  return normalised.replace(COMPANY_SUFFIX, '').replace(/[\s,.-]+$/, '');
}

const SEPARATOR_RUN = new RegExp(
  `[${[...SEPARATORS].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]+`,
  'g',
);

export function squeeze(normalised: string): string {
  return normalised.replace(SEPARATOR_RUN, '');
}

export function buildTerms(list: Watchlist): Term[] {
  const terms: Term[] = [];
  const seen = new Set<string>();
  /** The current vendor's context names, as keys: a plain name must not turn into one of them (see below). */
  let contextKeys = new Set<string>();
  const add = (label: string, vendorIndex: number, brand?: Brand, requiresContext = false, otherCompany = false) => {
    let key = squeeze(stripCompanySuffix(normaliseTerm(label)));
    // 小米集团 less its suffix is 小米, a context name (also "millet"): keep the whole legal name instead, and a bare
    // context name given as a plain name still needs context, or 小米粥 would be Xiaomi.
    if (!requiresContext && !otherCompany && contextKeys.has(key)) {
      const whole = squeeze(normaliseTerm(label));
      if (whole === key) requiresContext = true;
      else key = whole;
    }
    // Two characters is the floor for CJK names (华为); Latin names need three (ZTE, DJI).
    if (key.length < (isCjk(key[0]) ? 2 : 3)) return;
    const dedupe = `${vendorIndex}\u0000${key}`;
    if (seen.has(dedupe)) return;
    seen.add(dedupe);
    terms.push({
      key,
      label,
      vendorIndex,
      brand,
      cjkStart: isCjk(key[0]),
      cjkEnd: isCjk(key.at(-1)),
      requiresContext,
      ...(otherCompany ? { otherCompany } : {}),
    });
  };
  list.vendors.forEach((vendor: Vendor, vendorIndex) => {
    const brands = vendor.brands.filter((brand) => brand.confirmed);
    // A brand's context names count too: a brand alias must not shrink to one of them (萤石网络 to 萤石, "fluorite").
    contextKeys = new Set(
      [...vendor.contextNames, ...brands.flatMap((brand) => brand.contextNames)].map((short) =>
        squeeze(normaliseTerm(short)),
      ),
    );
    add(vendor.name, vendorIndex);
    for (const legal of vendor.legalNames) add(legal.name, vendorIndex);
    for (const alias of vendor.aliases) add(alias, vendorIndex);
    for (const local of vendor.localNames) add(local.name, vendorIndex);
    for (const form of vendor.scriptForms) add(form, vendorIndex);
    for (const short of vendor.contextNames) add(short, vendorIndex, undefined, true);
    for (const other of [...vendor.otherCompanies, ...vendor.otherPhrases])
      add(other, vendorIndex, undefined, false, true);
    for (const brand of brands) {
      add(brand.name, vendorIndex, brand);
      for (const alias of brand.aliases) add(alias, vendorIndex, brand);
      for (const local of brand.localNames) add(local.name, vendorIndex, brand);
      for (const form of brand.scriptForms) add(form, vendorIndex, brand);
      // 萤石 is EZVIZ beside a camera word, the mineral fluorite elsewhere: the same context rules as a vendor's.
      for (const short of brand.contextNames) add(short, vendorIndex, brand, true);
    }
  });
  return terms;
}
