/**
 * Own entries as a form and a file: fields to the stored vendor shape and back, problems in plain words, the entry's
 * name matched on a page, its reason on the warning, no measure inferred for a maker whose country is not known.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../lib/engine/index';
import { renderText } from '../../../lib/i18n/english';
import { buildWarningView } from '../../../lib/present/warning-view';
import { DEFAULT_SETTINGS, withUserEntries } from '../../../lib/settings/index';
import {
  EMPTY_FIELDS,
  exportEntries,
  fieldsFromVendor,
  mergeEntries,
  type OwnEntryFields,
  parseEntriesFile,
  vendorFromFields,
} from '../../../lib/settings/own-entries';
import { loadWatchlist, type Watchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')) as Watchlist,
);
const REASON = 'Not on our approved list: procurement policy 2026/3';
const fields = (change: Partial<OwnEntryFields>): OwnEntryFields => ({ ...EMPTY_FIELDS, ...change });
const build = (change: Partial<OwnEntryFields>) => {
  const result = vendorFromFields(fields(change), []);
  if (!result.ok) throw new Error(result.problems.map((p) => renderText(p.text)).join(' '));
  return result.vendor;
};
const problems = (change: Partial<OwnEntryFields>) => {
  const result = vendorFromFields(fields(change), []);
  return result.ok ? [] : result.problems.map((p) => `${p.field}: ${renderText(p.text)}`);
};

describe('the own-entry form', () => {
  it('builds a stored entry from the fields and reads the same fields back', () => {
    const form = fields({
      name: 'Examplecam Vision',
      aliases: 'ExCam\nExample Cam',
      prefixes: 'XCV-',
      patterns: 'EXC[0-9]{3} EXC123',
      categories: 'video-surveillance, Routers',
      country: 'CN',
      reason: REASON,
    });
    const vendor = build(form);
    expect(vendor).toMatchObject({
      id: 'examplecam-vision',
      name: 'Examplecam Vision',
      aliases: ['ExCam', 'Example Cam'],
      productCategories: ['video-surveillance', 'routers'],
      country: 'CN',
      ownReason: REASON,
      userEntry: true,
    });
    expect(fieldsFromVendor(vendor)).toEqual({ ...form, categories: 'video-surveillance, routers' });
  });

  it('says what is wrong in plain words, field by field', () => {
    expect(problems({ name: 'X' })).toEqual(['name: Give the entry a name of at least 2 characters.']);
    expect(problems({ name: 'Acme', prefixes: 'XC' })).toEqual([
      'prefixes: A model prefix needs at least 3 letters or digits, or it would flag too many codes (“XC”).',
    ]);
    expect(problems({ name: 'Acme', patterns: 'AC[0-9 AC1' })[0]).toMatch(
      /^patterns: “AC\[0-9” is not a valid pattern/,
    );
    expect(problems({ name: 'Acme', patterns: 'AC[0-9]{3}' })[0]).toMatch(/^patterns: Give an example code after/);
    expect(problems({ name: 'Acme', patterns: 'AC[0-9]{3} AC12' })).toEqual([
      'patterns: The example “AC12” does not match the pattern “AC[0-9]{3}”; give a real code the pattern should flag.',
    ]);
    expect(problems({ name: 'Acme', categories: 'video surveillance' })[0]).toMatch(/^categories: Categories are/);
    expect(problems({ name: 'Acme', reason: 'x'.repeat(301) })).toEqual([
      'reason: Keep the reason under 300 characters.',
    ]);
    const taken = vendorFromFields(fields({ name: 'acme' }), [build({ name: 'Acme' })]);
    expect(taken.ok ? [] : taken.problems.map((p) => renderText(p.text))).toEqual([
      'You already have an entry called “acme”.',
    ]);
    // Nothing reads like a validator's path ("entry 0.legalNames is invalid").
    for (const line of problems({ name: 'X', aliases: 'Y', prefixes: '??', categories: 'A B' }))
      expect(line).not.toMatch(/\.\w+ is invalid|Invalid input/);
  });
});

describe('an own entry on a page', () => {
  const vendor = build({ name: 'Examplecam', prefixes: 'XCV-', patterns: 'EXC[0-9]{3} EXC123', reason: REASON });
  const withEntry = withUserEntries(list, { ...DEFAULT_SETTINGS, userEntries: [vendor] });
  const engine = createEngine(withEntry);

  it('is matched by its own name and its model prefix, and shows its reason', () => {
    const byName = engine.scanText('Examplecam 4MP dome camera, 2.8 mm lens');
    expect(byName.map((f) => [f.vendorId, f.evidence])).toEqual([['user-examplecam', 'Examplecam']]);
    const view = buildWarningView(withEntry, byName[0]!);
    expect(view.vendorName).toBe('Examplecam (your entry)');
    expect(view.ownReason).toBe(REASON);
    expect(engine.scanText('Bullet camera XCV-2040 in stock').map((f) => f.evidence)).toEqual(['XCV-2040']);
    expect(engine.scanText('Recorder EXC480, 8 channels').map((f) => f.evidence)).toEqual(['EXC480']);
    expect(engine.scanText('Recorder EXC48, 8 channels')).toEqual([]);
  });

  it('gets no category measure when the maker’s country is not given, and does when it is', () => {
    const measuresOf = (country: string) => {
      const own = build({ name: 'Examplecam', categories: 'video-surveillance', country });
      const merged = withUserEntries(list, { ...DEFAULT_SETTINGS, userEntries: [own] });
      return createEngine(merged).scanText('Examplecam dome camera')[0]!.measures;
    };
    expect(measuresOf('')).toEqual([]);
    expect(measuresOf('CN')).toContain('uk-surveillance-sensitive-sites');
  });
});

describe('the entries file', () => {
  const a = build({ name: 'Examplecam', reason: REASON });
  const b = build({ name: 'Other Maker' });

  it('round-trips, and an import replaces entries of the same name', () => {
    const read = parseEntriesFile(exportEntries([a, b]));
    expect(read).toEqual({ ok: true, vendors: [a, b] });
    const renamed = { ...a, ownReason: 'Changed' };
    expect(mergeEntries([a, b], [renamed]).map((v) => [v.name, v.ownReason])).toEqual([
      ['Other Maker', undefined],
      ['Examplecam', 'Changed'],
    ]);
  });

  it('refuses a broken file in plain words, importing nothing', () => {
    const said = (text: string) => {
      const result = parseEntriesFile(text);
      return result.ok ? 'ok' : renderText(result.text);
    };
    expect(said('{ not json')).toBe(
      'This file is not a VendorWatch entries file: it is not JSON. Nothing was imported.',
    );
    expect(said('{"format":"vendorwatch-settings","version":1}')).toMatch(/should come from “Export entries”/);
    const missing = JSON.parse(exportEntries([a, b]));
    delete missing.entries[1].legalNames;
    expect(said(JSON.stringify(missing))).toBe(
      'Entry 2 (“Other Maker”) in the file has no legal names. Nothing was imported.',
    );
  });
});
