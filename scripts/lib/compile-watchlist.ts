/**
 * Pure compilation of the data/ files into a validated Watchlist (no file system), so tests can feed it broken
 * input and check the error names the file and field.
 */
import { z } from 'zod';
import { normaliseTerm } from '../../lib/engine/normalise';
import { squeeze } from '../../lib/engine/terms';
import { vendorNames } from '../../lib/watchlist/index';
import {
  type Brand,
  listMetaSchema,
  measureSchema,
  type Source,
  sourceSchema,
  type Vendor,
  vendorSchema,
  type Watchlist,
  watchlistSchema,
} from '../../lib/watchlist/schema';
import { fuzzyExclusions, type LexiconFile, lexiconHeaderProblem } from './lexicon';
import { crossVendorMatch, ruleProblem } from './model-rules';
import { latinUseProblem, nameCells } from './name-audit';
import { scriptVariants } from './script-variants';

interface DataFile {
  file: string;
  data: unknown;
}

export interface DataFiles {
  meta: DataFile;
  sources: DataFile;
  measures: DataFile[];
  vendors: DataFile[];
  /** The negative lexicon (data/lexicon/*.txt); none means no fuzzy exclusions. */
  lexicon?: LexiconFile[];
}

export class WatchlistBuildError extends Error {}

function fail(file: string, path: PropertyKey[], message: string): never {
  throw new WatchlistBuildError(`${file}: ${path.map(String).join('.') || '(top level)'}: ${message}`);
}

function validate<T>(schema: z.ZodType<T>, { file, data }: DataFile): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    fail(file, issue.path, issue.message);
  }
  return result.data;
}

/** Replaces every `sources: [id, ...]` (and a vendor's `nameSources`) list in a data file with the full source records. */
function resolveSources(
  value: unknown,
  registry: Map<string, Source>,
  file: string,
  path: PropertyKey[] = [],
): unknown {
  if (Array.isArray(value)) return value.map((item, index) => resolveSources(item, registry, file, [...path, index]));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if ((key === 'sources' || key === 'nameSources') && Array.isArray(child)) {
      out[key] = child.map((ref, index) => {
        if (typeof ref !== 'string') fail(file, [...path, key, index], 'must be a source id from data/sources.yaml');
        const source = registry.get(ref);
        if (!source) fail(file, [...path, key, index], `unknown source id "${ref}" (add it to data/sources.yaml)`);
        return source;
      });
    } else {
      out[key] = resolveSources(child, registry, file, [...path, key]);
    }
  }
  return out;
}

/**
 * Adds the other Chinese script's forms of a vendor's names (scriptForms) and of its context names (to contextNames,
 * so 大華 needs context as 大华 does) and of the phrases that are not the vendor (otherPhrases: 中國移動互聯網 as well
 * as 中国移动互联网); and the same for each brand's name, aliases and context names (螢石 as well as 萤石). A form the
 * file already has by hand is not repeated.
 */
function withScriptForms(vendor: Vendor): Vendor {
  if (vendor.scriptForms.length > 0 || vendor.brands.some((brand) => brand.scriptForms.length > 0))
    throw new WatchlistBuildError(
      `vendor "${vendor.id}": scriptForms is computed by the build; do not write it by hand`,
    );
  const known = new Set(vendorNames(vendor));
  const fresh = (forms: string[]) =>
    forms.filter((form) => {
      if (known.has(form)) return false;
      known.add(form);
      return true;
    });
  const contextForms = fresh(vendor.contextNames.flatMap(scriptVariants));
  const names = [
    vendor.name,
    ...vendor.legalNames.map((legal) => legal.name),
    ...vendor.aliases,
    ...vendor.localNames.map((local) => local.name),
  ];
  const scriptForms = fresh(names.flatMap(scriptVariants));
  const phrases = new Set(vendor.otherPhrases);
  for (const form of vendor.otherPhrases.flatMap(scriptVariants)) phrases.add(form);
  const brands = vendor.brands.map((brand) => {
    const brandContextForms = fresh(brand.contextNames.flatMap(scriptVariants));
    return {
      ...brand,
      contextNames: [...brand.contextNames, ...brandContextForms],
      scriptForms: fresh(
        [brand.name, ...brand.aliases, ...brand.localNames.map((l) => l.name)].flatMap(scriptVariants),
      ),
    };
  });
  return {
    ...vendor,
    contextNames: [...vendor.contextNames, ...contextForms],
    scriptForms,
    otherPhrases: [...phrases],
    brands,
  };
}

export function compileWatchlist(files: DataFiles): Watchlist {
  const registry = new Map(
    Object.entries(validate(z.record(z.string(), sourceSchema), files.sources)).sort(([a], [b]) => a.localeCompare(b)),
  );
  const meta = validate(listMetaSchema, files.meta);
  const measures = files.measures.map((file) =>
    validate(measureSchema, { file: file.file, data: resolveSources(file.data, registry, file.file) }),
  );
  const vendors = files.vendors.map((file) =>
    withScriptForms(validate(vendorSchema, { file: file.file, data: resolveSources(file.data, registry, file.file) })),
  );

  const measureIds = new Set<string>();
  files.measures.forEach((file, index) => {
    const id = measures[index]!.id;
    if (!file.file.endsWith(`/${id}.yaml`)) fail(file.file, ['id'], `must match the file name (${id}.yaml)`);
    if (measureIds.has(id)) fail(file.file, ['id'], `duplicate measure id "${id}"`);
    measureIds.add(id);
  });

  const claimedBy = new Map<string, string>();
  const vendorIds = new Set<string>();
  files.vendors.forEach((file, index) => {
    const vendor = vendors[index]!;
    if (!file.file.endsWith(`/${vendor.id}.yaml`))
      fail(file.file, ['id'], `must match the file name (${vendor.id}.yaml)`);
    if (vendorIds.has(vendor.id)) fail(file.file, ['id'], `duplicate vendor id "${vendor.id}"`);
    vendorIds.add(vendor.id);
    vendor.listings.forEach((listing, i) => {
      if (!measureIds.has(listing.measure))
        fail(file.file, ['listings', i, 'measure'], `unknown measure "${listing.measure}"`);
    });
    vendor.models.forEach((rule, i) => {
      try {
        new RegExp(rule.pattern, 'i');
      } catch (error) {
        fail(file.file, ['models', i, 'pattern'], `not a valid regular expression: ${(error as Error).message}`);
      }
      const problem = ruleProblem(rule);
      if (problem) fail(file.file, ['models', i], `rule "${rule.id}" ${problem}`);
    });
    // Every reader language is a sourced name, a sourced Latin-name use or a gap with its reason (name-audit.ts).
    const checked = [
      { entry: vendor as Vendor | Brand, path: [] as PropertyKey[] },
      ...vendor.brands.flatMap((brand, i) => (brand.confirmed ? [{ entry: brand, path: ['brands', i] }] : [])),
    ];
    for (const { entry, path } of checked) {
      const audit = nameCells(entry);
      if ('problem' in audit) fail(file.file, [...path, 'nameGaps'], audit.problem);
      const latin = latinUseProblem(entry);
      if (latin) fail(file.file, [...path, 'latinNameIn'], latin);
    }
    const names = vendorNames(vendor);
    for (const name of names) {
      const key = squeeze(normaliseTerm(name));
      const owner = claimedBy.get(key);
      if (owner && owner !== vendor.id)
        fail(file.file, ['aliases'], `"${name}" is already claimed by vendor "${owner}"`);
      claimedBy.set(key, vendor.id);
    }
  });

  const crossed = crossVendorMatch(vendors);
  if (crossed) fail(crossed.file, ['models'], crossed.message);

  const list: Watchlist = {
    meta,
    measures: [...measures].sort((a, b) => a.id.localeCompare(b.id)),
    vendors: [...vendors].sort((a, b) => a.id.localeCompare(b.id)),
  };
  for (const file of files.lexicon ?? []) {
    const problem = lexiconHeaderProblem(file);
    if (problem) fail(file.file, [], problem);
  }
  if (files.lexicon?.length) list.fuzzyExclusions = fuzzyExclusions(list, files.lexicon);
  // The compiled list must also pass the schema the extension checks updates against.
  return validate(watchlistSchema, { file: 'public/watchlist.json', data: list });
}
