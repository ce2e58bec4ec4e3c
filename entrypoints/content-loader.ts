/**
 * The content script the manifest declares: imports the real one (entrypoints/content) as a module, so the browser
 * compiles it off the page's main thread. Kept to a few lines: this part is compiled in the page's task.
 * See platform/content-loading.ts.
 */
import { CONTENT_MODULE } from '../platform/content-loading';
import { extensionGlobal } from '../platform/quirks/extension-namespace';

export default defineUnlistedScript(() => {
  const url = extensionGlobal()?.runtime?.getURL(CONTENT_MODULE);
  if (!url) return;
  import(/* @vite-ignore */ url).catch((error: unknown) =>
    console.warn('VendorWatch: could not start on this page', error),
  );
});
