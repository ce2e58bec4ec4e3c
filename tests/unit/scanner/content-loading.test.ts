/**
 * The content script reaches pages through public/content-loader.js, which imports the real one as a module
 * (platform/content-loading.ts). The end-to-end tests load it in both browsers; these check the loader itself and
 * the manifest keys that make it work.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_MODULE, contentLoadingManifest, LOADER } from '../../../platform/content-loading';

const source = readFileSync(resolve(import.meta.dirname, '../../../public', LOADER), 'utf8');

/** Runs the loader as a content script would, with `api` as the extension API and `load` standing for import(). */
function runLoader(api: unknown, load: (url: string) => Promise<unknown>) {
  const warn = vi.fn();
  // import() cannot be handed to a vm context: the one call in the file is pointed at `load` instead.
  expect(source.match(/\bimport\(/g)).toHaveLength(1);
  runInNewContext(source.replace(/\bimport\(/, '__load('), { browser: api, __load: load, console: { warn } });
  return warn;
}

describe('the content script loader', () => {
  it('imports the content script WXT builds, by its extension address', () => {
    const load = vi.fn(async () => ({}));
    const getURL = vi.fn((path: string) => `chrome-extension://id${path}`);
    runLoader({ runtime: { getURL } }, load);
    expect(getURL).toHaveBeenCalledWith(CONTENT_MODULE);
    expect(load).toHaveBeenCalledWith(`chrome-extension://id${CONTENT_MODULE}`);
  });

  it('says why on the console when the import fails, and throws nothing into the page', async () => {
    const failure = new Error('blocked');
    const warn = runLoader({ runtime: { getURL: (path: string) => path } }, () => Promise.reject(failure));
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('VendorWatch: could not start on this page', failure));
  });

  it('does nothing where there is no extension API', () => {
    const load = vi.fn(async () => ({}));
    runLoader(undefined, load);
    expect(load).not.toHaveBeenCalled();
  });
});

describe('the manifest keys for it', () => {
  it('declare the loader for every page at document_idle, and only the loader', () => {
    for (const browser of ['chrome', 'firefox']) {
      expect(contentLoadingManifest(browser).content_scripts).toEqual([
        { matches: ['<all_urls>'], run_at: 'document_idle', js: [LOADER] },
      ]);
    }
  });

  it('make the content script importable from pages, at a per-session address in Chromium', () => {
    const [chrome] = contentLoadingManifest('chrome').web_accessible_resources;
    expect(chrome).toEqual({ resources: [CONTENT_MODULE.slice(1)], matches: ['<all_urls>'], use_dynamic_url: true });
    // Firefox's addresses are random per install already, and it does not know the key.
    const [firefox] = contentLoadingManifest('firefox').web_accessible_resources;
    expect(firefox).toEqual({ resources: [CONTENT_MODULE.slice(1)], matches: ['<all_urls>'] });
  });
});
