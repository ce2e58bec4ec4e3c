/**
 * The accuracy set's labels (tests/accuracy/set/labels.json) and model list (tests/accuracy/set/models.csv), read
 * and validated. The set is held at arm's length from the engine: it is labelled by reading each page, never by
 * running the engine, and nobody tunes a rule to a file in it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const SET_DIR = new URL('./set/', import.meta.url).pathname;

export const SENSITIVITIES = ['strict', 'balanced', 'broad'] as const;
export type LabelSensitivity = (typeof SENSITIVITIES)[number];

/**
 * Vendors labelled in the set that are being added to the watchlist on another branch today. Their labels are
 * skipped until the bundled list has them (see evaluate.ts), so an unknown id is still a typo everywhere else.
 */
export const PENDING_VENDORS: ReadonlySet<string> = new Set(['tp-link']);

export const CATEGORIES = ['shop', 'tender', 'boq', 'spec', 'news', 'trap'] as const;

const Expectation = z.strictObject({
  /** Watchlist vendor id the finding must name. */
  vendor: z.string().min(1),
  /** The text that must be flagged, exactly as the page has it (whitespace collapsed). */
  evidence: z.string().min(1),
  /** What the text is: a vendor name, a brand, a model number, a misspelling, or a mention (an accessory for it). */
  kind: z.enum(['name', 'brand', 'model', 'typo']),
  /** The verdict a user should see. */
  verdict: z.enum(['listed-vendor', 'brand-of-listed-vendor', 'possible-match', 'mention']),
  /**
   * The lowest sensitivity at which the finding is required; below it, it is allowed but not required. Defaults:
   * names and brands from strict, model numbers and misspellings from balanced (strict matches names only).
   */
  from: z.enum(SENSITIVITIES).optional(),
  note: z.string().optional(),
});
export type Expectation = z.infer<typeof Expectation>;

const FileLabel = z.strictObject({
  category: z.enum(CATEGORIES),
  /** ISO 3166 country of the page's publisher or market, or "INT". */
  country: z.string().regex(/^([A-Z]{2}|INT)$/),
  /** ISO 15924 script of the page's main text. */
  script: z.enum(['Latn', 'Hans', 'Hant', 'Jpan', 'Kore', 'Cyrl', 'Arab', 'Grek', 'Thai']),
  expect: z.array(Expectation),
  /** Strings on the page that no finding may touch, at any sensitivity. */
  mustNotFlag: z.array(z.string().min(1)),
  note: z.string().optional(),
});
export type FileLabel = z.infer<typeof FileLabel>;

const Labels = z.record(z.string().regex(/^[a-z]+\/[a-z0-9._-]+$/), FileLabel);

export function loadLabels(): Record<string, FileLabel> {
  return Labels.parse(JSON.parse(readFileSync(`${SET_DIR}labels.json`, 'utf8')));
}

export interface ModelEntry {
  model: string;
  maker: string;
  /** Watchlist vendor id when the maker is a listed vendor or its brand; empty for everyone else. */
  vendor: string;
  source: string;
}

const ModelRow = z.strictObject({
  model: z.string().min(3),
  maker: z.string().min(1),
  vendor: z.string(),
  source: z.string().min(1),
});

/** models.csv: `#` comment lines (provenance), a header `model,maker,vendor,source`, then one model per line. */
export function loadModels(): ModelEntry[] {
  const lines = readFileSync(`${SET_DIR}models.csv`, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const [header, ...rows] = lines;
  if (header !== 'model,maker,vendor,source') throw new Error(`models.csv: unexpected header "${header}"`);
  return rows.map((line, index) => {
    const [model, maker, vendor, source, ...rest] = line.split(',');
    if (rest.length > 0) throw new Error(`models.csv line ${index + 2}: too many fields`);
    return ModelRow.parse({ model, maker, vendor, source });
  });
}
