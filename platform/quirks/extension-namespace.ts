/**
 * Quirk: the extension API's global name.
 *
 * Firefox (and Safari) expose the extension API as `browser` and also as `chrome`; Chromium exposed only `chrome`
 * until it added `browser` in Chrome 148 (https://crbug.com/798169; MDN:
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Chrome_incompatibilities). Code that must
 * also run outside an extension (unit tests render components in Node) cannot import the polyfill's `browser`, so it
 * looks the API up here and gets undefined where there is none.
 */

type ExtensionGlobal = { i18n?: { getMessage(key: string, substitutions?: string[]): string } };

/** The extension API object of this context, `browser` first, then `chrome`; undefined outside an extension. */
export function extensionGlobal(): ExtensionGlobal | undefined {
  const scope = globalThis as { browser?: ExtensionGlobal; chrome?: ExtensionGlobal };
  return scope.browser ?? scope.chrome;
}
