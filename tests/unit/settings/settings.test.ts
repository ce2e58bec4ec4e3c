import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyPolicy,
  DEFAULT_SETTINGS,
  POLICY_SETTING_KEYS,
  policySchema,
  readSettings,
  runsOn,
} from '../../../lib/settings/index';
import { vendorSchema } from '../../../lib/watchlist/schema';

describe('settings', () => {
  it('falls back field by field: one bad value does not lose the others', () => {
    const settings = readSettings({ sensitivity: 'paranoid', profile: 'uk-public', updateIntervalHours: 'soon' });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, profile: 'uk-public' });
  });

  it('treats missing or broken storage as defaults', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('lets the organisation policy win and locks what it sets plus what it lists', () => {
    const user = { ...DEFAULT_SETTINGS, sensitivity: 'broad' as const, updateUrl: 'https://mine.example/list.json' };
    const { settings, locked } = applyPolicy(user, {
      updateUrl: 'https://it.example.org/list.json',
      lockedSettings: ['profile', 'not-a-setting'],
    });
    expect(settings.updateUrl).toBe('https://it.example.org/list.json');
    expect(settings.sensitivity).toBe('broad');
    expect([...locked].sort()).toEqual(['profile', 'updateUrl']);
  });

  it('lets the organisation set and lock the jurisdictions that matter', () => {
    const { settings, locked } = applyPolicy({ ...DEFAULT_SETTINGS, jurisdictions: ['US'] }, { jurisdictions: ['GB'] });
    expect(settings.jurisdictions).toEqual(['GB']);
    expect(locked.has('jurisdictions')).toBe(true);
    expect(applyPolicy(DEFAULT_SETTINGS, { jurisdictions: ['gb'] }).settings.jurisdictions).toEqual([]);
  });

  it('ignores a policy that is not an object instead of breaking the extension', () => {
    for (const raw of [undefined, null, {}]) {
      expect(applyPolicy(DEFAULT_SETTINGS, raw)).toEqual({
        settings: DEFAULT_SETTINGS,
        locked: new Set(),
        extraLists: [],
        problems: [],
      });
    }
    const { settings, locked, problems } = applyPolicy(DEFAULT_SETTINGS, ['updateUrl']);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(locked.size).toBe(0);
    expect(problems).toEqual(['the policy is a list, not an object of settings; ignored']);
  });
});

describe('policy with mistakes', () => {
  const extra = {
    url: 'https://it.example.org/our-list.json',
    keyId: 'example-council-2026',
    // An Ed25519 public key (the tests' signing key): the policy checks keys are curve points.
    publicKey: 'Ahsk80RGQwvqzWFWcaYmZefgvJoBV6RrUtsNUhSUcxo=',
    label: 'Example County Council',
  };
  const user = { ...DEFAULT_SETTINGS, sensitivity: 'broad' as const, profile: 'us-federal' as const };

  it('keeps the valid fields when one is invalid, and says which one and why', () => {
    const { settings, locked, extraLists, problems } = applyPolicy(user, {
      updateUrl: 'https://it.example.org/list.json',
      sensitivity: 'Strict',
      profile: 'uk-public',
      lockedSettings: ['jurisdictions'],
      extraLists: [extra],
    });
    expect(settings.updateUrl).toBe('https://it.example.org/list.json');
    expect(settings.profile).toBe('uk-public');
    expect(extraLists).toEqual([extra]);
    expect(locked.has('updateUrl') && locked.has('profile') && locked.has('jurisdictions')).toBe(true);
    expect(problems).toEqual([
      "policy field sensitivity: 'Strict' is not one of strict, balanced, broad; ignored (sensitivity stays locked at its current value)",
    ]);
  });

  it('locks a setting whose policy value is invalid, at the value the user already had', () => {
    // The administrator meant to control the setting; a value we cannot read must not hand it back to the user.
    const { settings, locked } = applyPolicy(user, { sensitivity: 'Strict', updateIntervalHours: 0 });
    expect(settings.sensitivity).toBe('broad');
    expect(settings.updateIntervalHours).toBe(24);
    expect(locked).toEqual(new Set(['sensitivity', 'updateIntervalHours']));
    // Listed in lockedSettings as well: the same, locked once.
    const listed = applyPolicy(user, { sensitivity: 42, lockedSettings: ['sensitivity'] });
    expect(listed.settings.sensitivity).toBe('broad');
    expect([...listed.locked]).toEqual(['sensitivity']);
    expect(listed.problems).toEqual([
      'policy field sensitivity: 42 is not one of strict, balanced, broad; ignored (sensitivity stays locked at its current value)',
    ]);
  });

  it('explains wrong numbers, types and unknown names in plain words', () => {
    const { problems } = applyPolicy(DEFAULT_SETTINGS, {
      updateIntervalHours: 1000,
      profile: ['uk-public'],
      siteMode: 'sometimes',
      lockedSettings: ['profile', 'colour', 7],
      updateURL: 'https://typo.example.org/list.json',
    });
    expect(problems).toEqual([
      'policy field updateIntervalHours: 1000 must be at most 720; ignored (updateIntervalHours stays locked at its current value)',
      'policy field profile: a list is not one of uk-public, us-federal, au-government, tw-government, consumer; ignored (profile stays locked at its current value)',
      "policy field siteMode: 'sometimes' is not one of everywhere, listed; ignored (siteMode stays locked at its current value)",
      "policy field lockedSettings: 'colour' is not a VendorWatch setting; ignored",
      'policy field lockedSettings: 7 is not a VendorWatch setting; ignored',
      'policy field updateURL is not a VendorWatch policy setting; ignored',
    ]);
    expect(applyPolicy(DEFAULT_SETTINGS, { updateIntervalHours: 1.5 }).problems[0]).toMatch(
      /^policy field updateIntervalHours: 1.5 must be a whole number; ignored/,
    );
    expect(applyPolicy(DEFAULT_SETTINGS, { lockedSettings: 'profile' }).problems).toEqual([
      "policy field lockedSettings: 'profile' must be a list of setting names; ignored",
    ]);
  });

  it('drops only the invalid organisation list, and says what is wrong with it', () => {
    const { publicKey: _, ...noKey } = extra;
    const second = { ...extra, keyId: 'example-council-2027', url: 'https://it.example.org/second.json' };
    const { extraLists, problems, settings } = applyPolicy(DEFAULT_SETTINGS, {
      extraLists: [extra, noKey, { ...extra, label: '' }, 'https://it.example.org/x.json', { ...extra }, second],
      sensitivity: 'strict',
    });
    expect(extraLists).toEqual([extra, second]);
    expect(settings.sensitivity).toBe('strict');
    expect(problems).toEqual([
      'policy field extraLists[1]: publicKey is missing; this list ignored',
      'policy field extraLists[2]: label is too short; this list ignored',
      'policy field extraLists[3]: must be an object; this list ignored',
      "policy field extraLists[4]: key id 'example-council-2026' is already used by another list; this list ignored",
    ]);
    expect(applyPolicy(DEFAULT_SETTINGS, { extraLists: extra }).problems).toEqual([
      'policy field extraLists: an object must be a list of organisation lists; ignored',
    ]);
  });

  it('drops only the invalid entries of a list setting, and applies the rest', () => {
    const { settings, locked, problems } = applyPolicy(DEFAULT_SETTINGS, {
      jurisdictions: ['GB', 'gb', 'EU'],
      allowedSites: ['Find-Tender.Service.gov.uk', 'https://www.example.org/'],
    });
    expect(settings.jurisdictions).toEqual(['GB', 'EU']);
    expect(settings.allowedSites).toEqual(['find-tender.service.gov.uk']);
    expect(locked).toEqual(new Set(['jurisdictions', 'allowedSites']));
    expect(problems).toEqual([
      "policy field jurisdictions[1]: 'gb' must be a two-letter code such as US, GB, AU, TW, EU; entry ignored",
      "policy field allowedSites[1]: 'https://www.example.org/' must be a site name such as www.example.com; entry ignored",
    ]);
  });
});

describe('policy can set every setting an organisation needs', () => {
  it('sets and locks where VendorWatch runs', () => {
    const user = { ...DEFAULT_SETTINGS, pausedSites: ['www.amazon.co.uk'] };
    const { settings, locked, problems } = applyPolicy(user, {
      siteMode: 'listed',
      allowedSites: ['find-tender.service.gov.uk', 'www.contractsfinder.service.gov.uk'],
      pausedSites: ['intranet.example.org'],
    });
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      siteMode: 'listed',
      allowedSites: ['find-tender.service.gov.uk', 'www.contractsfinder.service.gov.uk'],
      pausedSites: ['intranet.example.org'],
    });
    expect(locked).toEqual(new Set(['siteMode', 'allowedSites', 'pausedSites']));
    expect(runsOn(settings, 'www.find-tender.service.gov.uk')).toBe(true);
    expect(runsOn(settings, 'www.amazon.co.uk')).toBe(false);
  });

  it('makes every lockable setting either settable by policy or deliberately lock-only', () => {
    const settable = new Set<string>(POLICY_SETTING_KEYS);
    const lockOnly = Object.keys(DEFAULT_SETTINGS).filter((key) => !settable.has(key));
    // Own entries come from a signed organisation list (extraLists), not from policy; they can only be locked.
    expect(lockOnly).toEqual(['userEntries']);
    const { locked, problems } = applyPolicy(DEFAULT_SETTINGS, { lockedSettings: Object.keys(DEFAULT_SETTINGS) });
    expect(problems).toEqual([]);
    expect(locked).toEqual(new Set(Object.keys(DEFAULT_SETTINGS)));
    // A policy that tries to set own entries is told so, and they stay the user's.
    const own = applyPolicy(DEFAULT_SETTINGS, { userEntries: [] });
    expect(own.problems).toEqual(['policy field userEntries is not a VendorWatch policy setting; ignored']);
    expect(own.locked.size).toBe(0);
  });

  it('documents every policy field in the managed schema Chrome validates against, in its supported subset', () => {
    const schema = JSON.parse(readFileSync(new URL('../../../public/managed_schema.json', import.meta.url), 'utf8'));
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(policySchema.shape).sort());
    const supported = new Set([
      'type',
      'properties',
      'items',
      'title',
      'description',
      'enum',
      'minimum',
      'maximum',
      'pattern',
      'patternProperties',
      'additionalProperties',
      'required',
      'id',
      '$ref',
    ]);
    const types = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
    const walk = (node: Record<string, unknown>, path: string) => {
      for (const key of Object.keys(node)) expect(supported.has(key), `${path}.${key}`).toBe(true);
      expect(types.has(node.type as string), `${path}.type`).toBe(true);
      if (node.properties)
        for (const [key, child] of Object.entries(node.properties as Record<string, Record<string, unknown>>))
          walk(child, `${path}.${key}`);
      if (node.items) walk(node.items as Record<string, unknown>, `${path}[]`);
    };
    walk(schema, '(schema)');
    expect(schema.type).toBe('object');
    // Types as loose as Chrome's one-type-per-field schema allows, so Chrome drops as little as it can and
    // VendorWatch's own validation sees (and lists) the rest: a number, not an integer; no enums, patterns or ranges.
    expect(schema.properties.updateIntervalHours.type).toBe('number');
    const constraints = JSON.stringify(schema).match(/"(enum|pattern|minimum|maximum|required)"/g);
    expect(constraints).toBeNull();
    for (const key of ['jurisdictions', 'allowedSites', 'pausedSites', 'lockedSettings', 'extraLists'])
      expect(schema.properties[key].type, key).toBe('array');
  });

  it('reads the documented example policies for both browsers without a problem once the key is filled in', () => {
    const read = (file: string) =>
      JSON.parse(readFileSync(new URL(`../../../docs/policy/${file}`, import.meta.url), 'utf8'));
    const chromium = read('chromium-policy.json')['3rdparty'].extensions['<vendorwatch extension id>'];
    const firefox = read('firefox-policies.json').policies['3rdparty'].Extensions['vendorwatch@vendorwatch.dev'];
    expect(firefox).toEqual(chromium);
    // As shipped, the key is a placeholder, and an administrator who leaves it in is told so.
    expect(applyPolicy(DEFAULT_SETTINGS, chromium).problems).toEqual([
      'policy field extraLists[0]: publicKey is not base64; this list ignored',
    ]);
    chromium.extraLists[0].publicKey = 'Ahsk80RGQwvqzWFWcaYmZefgvJoBV6RrUtsNUhSUcxo=';
    const { settings, locked, extraLists, problems } = applyPolicy(DEFAULT_SETTINGS, chromium);
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      profile: 'uk-public',
      jurisdictions: ['GB'],
      pausedSites: ['intranet.example.org'],
    });
    expect(locked.has('userEntries')).toBe(true);
    expect(extraLists).toHaveLength(1);
  });
});

describe('import, export, sites and own entries', () => {
  it('round-trips an export and refuses broken files with a clear reason', async () => {
    const { exportSettings, parseSettingsImport } = await import('../../../lib/settings/index');
    const settings = { ...DEFAULT_SETTINGS, profile: 'tw-government' as const, pausedSites: ['example.org'] };
    expect(parseSettingsImport(exportSettings(settings))).toEqual({ ok: true, settings });
    expect(parseSettingsImport('{oops')).toMatchObject({
      ok: false,
      error: 'This file is not valid JSON, so nothing was changed.',
    });
    expect(parseSettingsImport('{"hello": 1}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a VendorWatch settings file/),
    });
    const bad = parseSettingsImport(
      JSON.stringify({ format: 'vendorwatch-settings', version: 1, settings: { siteMode: 'sometimes' } }),
    );
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/"siteMode" is invalid/) });
  });

  it('runs everywhere but paused sites, or only on listed sites (subdomains included)', async () => {
    const { runsOn } = await import('../../../lib/settings/index');
    const paused = { ...DEFAULT_SETTINGS, pausedSites: ['amazon.co.uk'] };
    expect(runsOn(paused, 'www.amazon.co.uk')).toBe(false);
    expect(runsOn(paused, 'www.ebay.co.uk')).toBe(true);
    const listed = { ...DEFAULT_SETTINGS, siteMode: 'listed' as const, allowedSites: ['find-tender.service.gov.uk'] };
    expect(runsOn(listed, 'www.find-tender.service.gov.uk')).toBe(true);
    expect(runsOn(listed, 'www.amazon.com')).toBe(false);
  });

  it('adds own entries under their own ids, marked as the user’s', async () => {
    const { withUserEntries, readSettings } = await import('../../../lib/settings/index');
    const settings = readSettings({
      userEntries: [
        {
          id: 'acme',
          name: 'Acme Cameras',
          legalNames: [{ name: 'Acme Cameras Ltd', script: 'Latn' }],
          country: 'CN',
          description: 'Our own do-not-buy entry.',
        },
      ],
    });
    const list = {
      meta: {
        schemaVersion: 1 as const,
        version: 1,
        generatedAt: '2026-01-01T00:00:00Z',
        expiresAt: '2027-01-01T00:00:00Z',
      },
      measures: [],
      vendors: [],
    };
    expect(withUserEntries(list, settings).vendors).toEqual([
      expect.objectContaining({ id: 'user-acme', name: 'Acme Cameras (your entry)', userEntry: true }),
    ]);
  });
});

describe('saving and importing obey the organisation’s locks', () => {
  const acme = vendorSchema.parse({
    id: 'acme',
    name: 'Acme Cameras',
    legalNames: [{ name: 'Acme Cameras Ltd', script: 'Latn' }],
    country: 'CN',
    description: 'Our own do-not-buy entry.',
  });

  it('keeps every locked setting at its stored value and names those the file asked to change', async () => {
    const { keepLocked, parseSettingsImport, exportSettings } = await import('../../../lib/settings/index');
    // The probe's policy: sensitivity set to strict, own entries and paused sites locked.
    const policy = { sensitivity: 'strict', lockedSettings: ['userEntries', 'pausedSites'] };
    const stored = { ...DEFAULT_SETTINGS, pausedSites: ['intranet.example.org'] };
    const effective = applyPolicy(stored, policy);
    const file = exportSettings({
      ...DEFAULT_SETTINGS,
      sensitivity: 'broad',
      pausedSites: ['shop.example'],
      userEntries: [acme],
      profile: 'uk-public',
    });
    const parsed = parseSettingsImport(file);
    if (!parsed.ok) throw new Error(parsed.error);
    const { settings, unchanged } = keepLocked(stored, parsed.settings, effective);
    expect(settings).toEqual({ ...stored, profile: 'uk-public' });
    expect(unchanged.sort()).toEqual(['pausedSites', 'sensitivity', 'userEntries']);
    // What the organisation's values then make of it: nothing the file asked for in a locked setting.
    const after = applyPolicy(settings, policy).settings;
    expect(after).toMatchObject({ sensitivity: 'strict', pausedSites: ['intranet.example.org'], userEntries: [] });
  });

  it('does not name a locked setting the file leaves as it is in effect', async () => {
    const { keepLocked } = await import('../../../lib/settings/index');
    const stored = { ...DEFAULT_SETTINGS, userEntries: [acme] };
    const effective = applyPolicy(stored, { sensitivity: 'strict', lockedSettings: ['userEntries'] });
    // Same entry, keys in another order; sensitivity as the policy sets it.
    const incoming = {
      ...DEFAULT_SETTINGS,
      sensitivity: 'strict' as const,
      userEntries: [Object.fromEntries(Object.entries(acme).reverse()) as typeof acme],
    };
    expect(keepLocked(stored, incoming, effective).unchanged).toEqual([]);
    expect(keepLocked(stored, { ...incoming, userEntries: [] }, effective).unchanged).toEqual(['userEntries']);
  });

  it('changes everything when nothing is locked', async () => {
    const { keepLocked } = await import('../../../lib/settings/index');
    const incoming = { ...DEFAULT_SETTINGS, sensitivity: 'broad' as const, userEntries: [acme] };
    expect(keepLocked(DEFAULT_SETTINGS, incoming, applyPolicy(DEFAULT_SETTINGS, {}))).toEqual({
      settings: incoming,
      unchanged: [],
    });
  });

  it('refuses a file larger than 1 MiB before parsing it, with a clear reason', async () => {
    const { parseSettingsImport, exportSettings, SETTINGS_IMPORT_MAX_BYTES } = await import(
      '../../../lib/settings/index'
    );
    // Valid own entries, about 10 MB: the probe's file.
    const entries = Array.from({ length: 40_000 }, (_, i) => ({
      ...acme,
      id: `acme-${i}`,
      description: 'x'.repeat(200),
    }));
    const huge = exportSettings({ ...DEFAULT_SETTINGS, userEntries: entries });
    expect(huge.length).toBeGreaterThan(10 * SETTINGS_IMPORT_MAX_BYTES);
    const refusal = {
      ok: false,
      error: 'This file is larger than 1 MB, more than any settings file, so nothing was changed.',
    };
    expect(parseSettingsImport(huge)).toMatchObject(refusal);
    expect(parseSettingsImport('', 10 * SETTINGS_IMPORT_MAX_BYTES)).toMatchObject(refusal);
    // Just under the cap is still read.
    const small = exportSettings({ ...DEFAULT_SETTINGS, userEntries: entries.slice(0, 2) });
    expect(parseSettingsImport(small, small.length).ok).toBe(true);
  });
});

describe('policy problems VendorWatch can see are listed, never dropped in silence', () => {
  const list = (publicKey: string, url = 'https://lists.example.org/org.json') => ({
    url,
    keyId: 'example-council',
    publicKey,
    label: 'Example Council',
  });
  const goodKey = 'Ahsk80RGQwvqzWFWcaYmZefgvJoBV6RrUtsNUhSUcxo=';

  it('lists an http update address as a problem and keeps updateUrl locked at its current value', () => {
    const user = { ...DEFAULT_SETTINGS, updateUrl: 'https://mine.example/list.json' };
    const { settings, locked, problems } = applyPolicy(user, { updateUrl: 'http://lists.example.org/list.json' });
    expect(settings.updateUrl).toBe('https://mine.example/list.json');
    expect(locked.has('updateUrl')).toBe(true);
    expect(problems).toEqual([
      "policy field updateUrl: 'http://lists.example.org/list.json' must be an https:// address; ignored (updateUrl stays locked at its current value)",
    ]);
    // Only the test build takes plain http, and only on this machine.
    expect(
      applyPolicy(user, { updateUrl: 'http://127.0.0.1:8080/l.json' }, { allowLoopbackHttp: true }).problems,
    ).toEqual([]);
    expect(applyPolicy(user, { updateUrl: 'http://127.0.0.1:8080/l.json' }).problems).toHaveLength(1);
    expect(applyPolicy(user, { updateUrl: '' }).problems).toEqual([]);
  });

  it('checks organisation keys as Ed25519 public keys when the policy is read', async () => {
    const { ed25519KeyProblem } = await import('../../../lib/settings/index');
    expect(ed25519KeyProblem(goodKey)).toBeUndefined();
    expect(ed25519KeyProblem('not base64 at all!!')).toBe('is not base64');
    const bytes33 = btoa(String.fromCharCode(...new Uint8Array(33).fill(7)));
    expect(ed25519KeyProblem(bytes33)).toBe('is 33 bytes, not the 32 of an Ed25519 public key');
    // y = 2 has no x on the curve (y^2 - 1 over d*y^2 + 1 is not a square mod p).
    const offCurve = new Uint8Array(32);
    offCurve[0] = 2;
    expect(ed25519KeyProblem(btoa(String.fromCharCode(...offCurve)))).toBe(
      'is not an Ed25519 public key (not a point on the curve)',
    );
    const { extraLists, problems } = applyPolicy(DEFAULT_SETTINGS, {
      extraLists: [list(bytes33), list(goodKey), list(goodKey, 'http://lists.example.org/x.json')],
    });
    expect(extraLists.map((l) => l.publicKey)).toEqual([goodKey]);
    expect(problems).toEqual([
      'policy field extraLists[0]: publicKey is 33 bytes, not the 32 of an Ed25519 public key; this list ignored',
      'policy field extraLists[2]: url must be an https:// address; this list ignored',
    ]);
  });

  it('lists keys it does not know and values of the wrong type', () => {
    const { problems } = applyPolicy(DEFAULT_SETTINGS, { updateIntervalHours: 1.5, sensitivty: 'strict' });
    expect(problems).toEqual([
      'policy field updateIntervalHours: 1.5 must be a whole number; ignored (updateIntervalHours stays locked at its current value)',
      'policy field sensitivty is not a VendorWatch policy setting; ignored',
    ]);
  });
});
