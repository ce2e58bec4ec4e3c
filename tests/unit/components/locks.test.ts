/**
 * Settings the organisation's policy locks are shown but cannot be changed: every control of a locked setting is
 * disabled and says why, in the options page and the popup's pause switch. Rendered with Preact into linkedom.
 */
import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WatchlistStatus } from '../../../lib/protocol';
import { DEFAULT_SETTINGS, type SettingKey, settingsSchema } from '../../../lib/settings/index';
import { renderOptions as renderWith } from './render-options';

const ALL_KEYS = Object.keys(settingsSchema.shape) as SettingKey[];

let Options: typeof import('../../../components/options/Options').Options;
let Popup: typeof import('../../../components/Popup').Popup;

beforeAll(async () => {
  const { window, document } = parseHTML('<!doctype html><html lang="en"><body></body></html>');
  Object.assign(globalThis, { window, document });
  ({ Options } = await import('../../../components/options/Options'));
  ({ Popup } = await import('../../../components/Popup'));
});

function status(locked: string[]): WatchlistStatus {
  return {
    version: 1,
    generatedAt: '2026-01-01T00:00:00Z',
    expiresAt: '2027-01-01T00:00:00Z',
    source: 'bundled',
    updateUrl: '',
    effective: DEFAULT_SETTINGS,
    locked,
    lastCheck: null,
    nextCheckAt: null,
    organisationLists: [],
  };
}

const renderOptions = (locked: string[], policyProblems?: string[]) =>
  renderWith(
    Options,
    () => ({ ...status(locked), ...(policyProblems ? { policyProblems } : {}) }),
    'select[name="profile"]',
  );

/** Disabled itself or inside a disabled fieldset, as the browser treats it. */
const isDisabled = (element: Element) =>
  element.hasAttribute('disabled') || Boolean(element.closest('fieldset')?.hasAttribute('disabled'));

const CONTROLS: Array<[SettingKey, string]> = [
  ['updateUrl', 'input[name="updateUrl"]'],
  ['updateIntervalHours', 'input[name="updateIntervalHours"]'],
  ['profile', 'select[name="profile"]'],
  ['country', 'select[name="country"]'],
  ['jurisdictions', 'input[name="jurisdiction"]'],
  ['sensitivity', 'input[name="sensitivity"]'],
  ['siteMode', 'input[name="siteMode"]'],
  ['allowedSites', 'textarea[name="allowedSites"]'],
  ['pausedSites', 'textarea[name="pausedSites"]'],
  ['userEntries', 'button.add-entry, input[name="import-entries"]'],
];

describe('locked settings', () => {
  it('has a control for every setting', () => {
    expect(CONTROLS.map(([key]) => key).sort()).toEqual([...ALL_KEYS].sort());
  });

  it.each(CONTROLS)('disables %s, and only it, when the policy locks it, with the note', async (key, selector) => {
    const root = await renderOptions([key]);
    const controls = [...root.querySelectorAll(selector)];
    expect(controls.length).toBeGreaterThan(0);
    for (const control of controls) {
      expect(isDisabled(control), selector).toBe(true);
      const describedBy =
        control.getAttribute('aria-describedby') ?? control.closest('fieldset')?.getAttribute('aria-describedby');
      expect(root.querySelector(`#${describedBy}`)?.textContent, selector).toBe(
        'Set by your organisation; you cannot change it.',
      );
    }
    for (const [other, otherSelector] of CONTROLS) {
      if (other === key) continue;
      for (const control of root.querySelectorAll(otherSelector))
        expect(isDisabled(control), otherSelector).toBe(false);
    }
    expect([...root.querySelectorAll('.locked')].map((note) => note.textContent)).toEqual([
      'Set by your organisation; you cannot change it.',
    ]);
    const addEntry = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Add an entry')!;
    expect(addEntry.hasAttribute('disabled')).toBe(key === 'userEntries');
    root.remove();
  });

  it('lists the policy fields that were ignored, and nothing when the policy is sound', async () => {
    const problem = "policy field sensitivity: 'Strict' is not one of strict, balanced, broad; ignored";
    let root = await renderOptions(['sensitivity'], [problem]);
    const notice = root.querySelector('[data-testid="policy-problems"]');
    expect(notice?.getAttribute('role')).toBe('alert');
    expect([...notice!.querySelectorAll('li')].map((li) => li.textContent)).toEqual([problem]);
    root.remove();
    root = await renderOptions([], []);
    expect(root.querySelector('[data-testid="policy-problems"]')).toBeNull();
    root.remove();
  });

  it('leaves everything editable when nothing is locked', async () => {
    const root = await renderOptions([]);
    for (const [, selector] of CONTROLS) {
      for (const control of root.querySelectorAll(selector)) expect(isDisabled(control), selector).toBe(false);
    }
    expect(root.querySelectorAll('.locked').length).toBe(0);
    root.remove();
  });

  it("disables the popup's pause switch when the paused sites are locked", () => {
    const props = {
      state: { url: 'https://shop.example/', title: 'Shop', scannedAt: '', listVersion: 1, findings: [] },
      site: 'shop.example',
      paused: false,
      listAgeDays: 0,
      extensionVersion: '0.1.0',
      onReveal: () => undefined,
      onOpenOptions: () => undefined,
      onOpenWatchlist: () => undefined,
      onTogglePause: () => undefined,
      onExport: () => undefined,
      onOpenReport: () => undefined,
    };
    for (const pauseLocked of [true, false]) {
      const root = document.createElement('div');
      render(h(Popup, { ...props, pauseLocked }), root);
      expect(root.querySelector('input[name="pause"]')!.hasAttribute('disabled')).toBe(pauseLocked);
      expect(Boolean(root.querySelector('#pause-locked'))).toBe(pauseLocked);
    }
  });
});

describe('saving and importing on the options page', () => {
  const importFile = async (root: HTMLElement, file: { size?: number; text: () => Promise<string> }) => {
    const input = root.querySelector('input[name="import"]')!;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new window.Event('change'));
    for (
      let i = 0;
      i < 100 && !root.querySelector('[role="alert"]') && !root.querySelector('[role="status"]')?.textContent;
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 10));
  };
  const settingsFile = (settings: object) =>
    JSON.stringify({ format: 'vendorwatch-settings', version: 1, settings: { ...DEFAULT_SETTINGS, ...settings } });

  it('says which locked settings an import left unchanged', async () => {
    const saved: unknown[] = [];
    const root = await renderWith(
      Options,
      () => status(['pausedSites', 'sensitivity']),
      'select[name="profile"]',
      undefined,
      {
        saveSettings: async (settings) => {
          saved.push(settings);
          return ['sensitivity', 'pausedSites'];
        },
      },
    );
    await importFile(root, { text: async () => settingsFile({ sensitivity: 'broad', pausedSites: ['shop.example'] }) });
    expect(saved).toHaveLength(1);
    expect(root.querySelector('[role="status"]')?.textContent).toBe(
      'Settings imported. Left unchanged because your organisation locks them: sensitivity, pausedSites.',
    );
    root.remove();
  });

  it('refuses a file over 1 MiB without reading or saving it', async () => {
    let saves = 0;
    let reads = 0;
    const root = await renderWith(Options, () => status([]), 'select[name="profile"]', undefined, {
      saveSettings: async () => {
        saves++;
        return [];
      },
    });
    await importFile(root, {
      size: 10 * 1024 * 1024,
      text: async () => {
        reads++;
        return settingsFile({});
      },
    });
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'This file is larger than 1 MB, more than any settings file, so nothing was changed.',
    );
    expect({ saves, reads }).toEqual({ saves: 0, reads: 0 });
    root.remove();
  });

  it('says so when the browser refuses to store the settings (its quota), and claims no success', async () => {
    const root = await renderWith(Options, () => status([]), 'select[name="profile"]', undefined, {
      saveSettings: async () => {
        throw new Error('Resource::kQuotaBytes quota exceeded');
      },
    });
    await importFile(root, { text: async () => settingsFile({ sensitivity: 'broad' }) });
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'Could not save the settings (Resource::kQuotaBytes quota exceeded), so nothing was changed.',
    );
    expect(root.querySelector('[role="status"]')?.textContent).toBe('');
    root.remove();
  });

  it('refuses own entries whose model patterns fail the bundled list’s checks, naming each (the form’s save goes through the same check)', async () => {
    let saves = 0;
    const root = await renderWith(Options, () => status([]), 'select[name="profile"]', undefined, {
      saveSettings: async () => {
        saves++;
        return [];
      },
    });
    const acme = (pattern: string, example: string) => ({
      id: 'acme',
      name: 'Acme Cameras',
      legalNames: [{ name: 'Acme Cameras Ltd', script: 'Latn' }],
      country: 'CN',
      description: 'Our own do-not-buy entry.',
      models: [{ id: 'acm', pattern, description: 'Acme codes', examples: [example], requiresContext: false }],
    });
    await importFile(root, { text: async () => settingsFile({ userEntries: [acme('(((x', 'x1')] }) });
    expect(root.querySelector('[role="alert"]')?.textContent).toMatch(
      /^Entry “acme”, model rule “acm”: the pattern is not a valid regular expression \(.+\)\. Nothing was saved or changed\.$/,
    );
    await importFile(root, { text: async () => settingsFile({ userEntries: [acme('(a+)+b', 'aab')] }) });
    for (let i = 0; i < 200 && !root.querySelector('[role="alert"]')?.textContent?.includes('exponential'); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'Entry “acme”, model rule “acm”: the pattern can take exponential or polynomial time on some codes (catastrophic backtracking, found by recheck). Nothing was saved or changed.',
    );
    expect(saves).toBe(0);
    root.remove();
  }, 60_000);
});
