// VendorWatch's content script loader: the one script the manifest declares for web pages. It imports the real
// content script (entrypoints/content, built by WXT to content-scripts/content.js) as a module, which the browser
// fetches and compiles off the page's main thread; see platform/content-loading.ts for why.
// Plain JavaScript, copied as it is: whatever is here is compiled on the page's main thread, so it carries no
// bundler wrapper and no polyfill (each cost the page about 3 ms more per load, issue 17).
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const url = api?.runtime?.getURL('/content-scripts/content.js');
  if (url) import(url).catch((error) => console.warn('VendorWatch: could not start on this page', error));
})();
