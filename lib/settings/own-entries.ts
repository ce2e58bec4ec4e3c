/**
 * The user's own entries as a form and as a file: the options page's fields (name, other names, model prefixes or
 * patterns, categories, the maker's country, and the reason the card shows) to and from the watchlist's vendor shape
 * that settings store (`userEntries`), with problems said in plain words; and the entries file an IT team shares.
 * Pure: the options page renders it, the unit tests check it.
 */
import { z } from 'zod';
import type { LocalText } from '../i18n/index';
import { jurisdictionCode, type Vendor, vendorSchema } from '../watchlist/schema';

/** The maker's country when the person does not say: no category measure applies to it (lib/watchlist/measures). */
const UNKNOWN_COUNTRY = 'ZZ';
export const REASON_MAX = 300;

export interface OwnEntryFields {
  name: string;
  /** One per line (or separated by commas). */
  aliases: string;
  /** Model prefixes ("XC-", "EXC"), one per line: any code starting so is this maker's. */
  prefixes: string;
  /**
   * Model patterns, one per line: a regular expression over the whole code, a space, and an example code it must
   * flag ("EXC[0-9]{3} EXC123"); the example proves the pattern and tells the engine where to look it up.
   */
  patterns: string;
  /** Product categories, separated by commas ("video-surveillance, routers"). */
  categories: string;
  /** ISO code of the maker's country, or '' when not known. */
  country: string;
  /** Shown on the card: why this maker is flagged ("Not on our approved list: procurement policy 2026/3"). */
  reason: string;
}

export type OwnEntryField = keyof OwnEntryFields;
export interface FieldProblem {
  field: OwnEntryField;
  text: LocalText;
}

export const EMPTY_FIELDS: OwnEntryFields = {
  name: '',
  aliases: '',
  prefixes: '',
  patterns: '',
  categories: '',
  country: '',
  reason: '',
};

const items = (text: string, separators: RegExp) =>
  text
    .split(separators)
    .map((item) => item.trim())
    .filter(Boolean);

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The form's fields for an entry (a new one: empty). */
export function fieldsFromVendor(vendor: Vendor): OwnEntryFields {
  const prefixes = vendor.models.filter((rule) => rule.id.startsWith('prefix-'));
  const patterns = vendor.models.filter((rule) => !rule.id.startsWith('prefix-'));
  return {
    name: vendor.name,
    aliases: vendor.aliases.filter((alias) => alias !== vendor.name).join('\n'),
    prefixes: prefixes.map((rule) => rule.examples[0] ?? '').join('\n'),
    patterns: patterns.map((rule) => `${rule.pattern} ${rule.examples[0] ?? ''}`.trim()).join('\n'),
    categories: vendor.productCategories.join(', '),
    country: vendor.country === UNKNOWN_COUNTRY ? '' : vendor.country,
    reason: vendor.ownReason ?? '',
  };
}

/**
 * The vendor record for the form's fields, or what is wrong, field by field, in words a person understands.
 * `original` (when editing) keeps what the form does not show (brands, listings from an imported file).
 */
export function vendorFromFields(
  fields: OwnEntryFields,
  others: readonly Vendor[],
  original?: Vendor,
): { ok: true; vendor: Vendor } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: OwnEntryField, key: LocalText['key'], ...subs: string[]) =>
    problems.push({ field, text: { key, subs } });

  const name = fields.name.trim().replace(/\s+/g, ' ');
  if (name.length < 2) problem('name', 'ownEntryNameShort');
  else if (name.length > 100) problem('name', 'ownEntryNameLong');
  else if (others.some((other) => other.name.toLowerCase() === name.toLowerCase()))
    problem('name', 'ownEntryNameTaken', name);

  const aliases = [...new Set(items(fields.aliases, /[\n,;]/))];
  for (const alias of aliases) if (alias.length < 2) problem('aliases', 'ownEntryAliasShort', alias);

  const prefixes = [...new Set(items(fields.prefixes, /[\n,;\s]/))];
  for (const prefix of prefixes) {
    if (!/^[A-Za-z0-9][A-Za-z0-9/+-]*$/.test(prefix)) problem('prefixes', 'ownEntryPrefixChars', prefix);
    else if (prefix.replace(/[^A-Za-z0-9]/g, '').length < 3) problem('prefixes', 'ownEntryPrefixShort', prefix);
  }

  const patterns = [...new Set(items(fields.patterns, /\n/))].map((line) => {
    const split = /^(.*\S)\s+(\S+)$/.exec(line);
    return split ? { pattern: split[1]!, example: split[2]! } : { pattern: line, example: '' };
  });
  for (const { pattern, example } of patterns) {
    let regex: RegExp;
    try {
      regex = new RegExp(`^(?:${pattern})$`, 'i');
      new RegExp(pattern, 'i');
    } catch {
      problem('patterns', 'ownEntryPatternInvalid', pattern);
      continue;
    }
    if (!example) problem('patterns', 'ownEntryPatternExample', pattern);
    // The engine tests codes lower-cased, with dashes folded (lib/engine/normalise).
    else if (!regex.test(example) && !regex.test(example.toLowerCase()))
      problem('patterns', 'ownEntryPatternMisses', example, pattern);
  }

  const categories = [...new Set(items(fields.categories, /[\n,;]/).map((c) => c.toLowerCase()))];
  for (const category of categories)
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(category)) problem('categories', 'ownEntryCategory', category);

  const country = fields.country.trim().toUpperCase();
  if (country && !jurisdictionCode.safeParse(country).success) problem('country', 'ownEntryCountry', country);

  const reason = fields.reason.trim().replace(/\s+/g, ' ');
  if (reason.length > REASON_MAX) problem('reason', 'ownEntryReasonLong', String(REASON_MAX));

  if (problems.length > 0) return { ok: false, problems };

  let id = original?.id ?? (slug(name) || 'entry');
  const taken = new Set(others.map((other) => other.id));
  for (let n = 2; !original && taken.has(id); n++) id = `${slug(name) || 'entry'}-${n}`;
  const models = [
    ...prefixes.map((prefix, i) => ({
      id: `prefix-${i + 1}`,
      // Any code that starts with the prefix (the engine tests whole code tokens, case-insensitively).
      pattern: `${escapeRegExp(prefix.toLowerCase())}[a-z0-9/+-]*`,
      description: `Codes starting ${prefix}`,
      examples: [prefix],
      collisions: [],
      requiresContext: false,
      sources: [],
    })),
    ...patterns.map(({ pattern, example }, i) => ({
      id: `pattern-${i + 1}`,
      pattern,
      description: `Codes matching ${pattern}`,
      // The engine looks rules up by the first two characters of an example code.
      examples: [example],
      collisions: [],
      requiresContext: false,
      sources: [],
    })),
  ];
  const candidate = {
    ...(original ?? {}),
    id,
    name,
    legalNames: original?.legalNames.length ? original.legalNames : [{ name, script: scriptOf(name) }],
    aliases,
    country: country || UNKNOWN_COUNTRY,
    productCategories: categories,
    description: original?.description ?? `Your own entry for ${name}.`,
    models,
    listings: original?.listings ?? [],
    userEntry: true,
    ...(reason ? { ownReason: reason } : { ownReason: undefined }),
  };
  const parsed = vendorSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, problems: [{ field: 'name', text: { key: 'ownEntryNotSaved' } }] };
  return { ok: true, vendor: parsed.data };
}

/** The script of a name, as the list records legal names. */
function scriptOf(name: string): 'Latn' | 'Hans' | 'Cyrl' {
  if (/\p{Script=Han}/u.test(name)) return 'Hans';
  if (/\p{Script=Cyrillic}/u.test(name)) return 'Cyrl';
  return 'Latn';
}

const ENTRIES_FILE_FORMAT = 'vendorwatch-entries';

/** The entries as a file an IT team can share and colleagues import. */
export function exportEntries(vendors: readonly Vendor[]): string {
  return `${JSON.stringify({ format: ENTRIES_FILE_FORMAT, version: 1, entries: vendors }, null, 2)}\n`;
}

/** The words for a vendor field in a problem message. */
const FIELD_WORDS: Record<string, string> = {
  id: 'id',
  name: 'name',
  legalNames: 'legal names',
  aliases: 'other names',
  models: 'model rules',
  productCategories: 'categories',
  country: 'country',
  description: 'description',
  listings: 'listings',
  brands: 'brands',
  ownReason: 'reason',
};

const entriesFileSchema = z.union([
  z.object({ format: z.literal(ENTRIES_FILE_FORMAT), version: z.literal(1), entries: z.array(z.unknown()) }),
  // A bare list, as the earlier options page kept it.
  z.array(z.unknown()),
]);

/** Enough of a refused entry to name it in the problem. */
const namedEntry = z.object({ name: z.string() });

/** Reads an entries file: every entry valid, or what is wrong with the first bad one, in plain words. */
export function parseEntriesFile(text: string): { ok: true; vendors: Vendor[] } | { ok: false; text: LocalText } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, text: { key: 'entriesFileNotJson' } };
  }
  const file = entriesFileSchema.safeParse(json);
  if (!file.success) return { ok: false, text: { key: 'entriesFileWrongFormat' } };
  const raw = Array.isArray(file.data) ? file.data : file.data.entries;
  const vendors: Vendor[] = [];
  for (const [index, entry] of raw.entries()) {
    const parsed = vendorSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = FIELD_WORDS[String(issue.path[0] ?? '')] ?? String(issue.path[0] ?? 'entry');
      const name = namedEntry.safeParse(entry).data?.name.slice(0, 80) ?? '?';
      const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
      return {
        ok: false,
        text: {
          key: missing ? 'entriesFileMissingField' : 'entriesFileBadField',
          subs: [String(index + 1), name, field],
        },
      };
    }
    vendors.push({ ...parsed.data, userEntry: true });
  }
  return { ok: true, vendors };
}

/** The current entries with `incoming` added; an incoming entry with the same id or name replaces the old one. */
export function mergeEntries(current: readonly Vendor[], incoming: readonly Vendor[]): Vendor[] {
  const same = (a: Vendor, b: Vendor) => a.id === b.id || a.name.toLowerCase() === b.name.toLowerCase();
  return [...current.filter((entry) => !incoming.some((other) => same(entry, other))), ...incoming];
}
