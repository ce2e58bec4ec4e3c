/**
 * Interface text from the browser's i18n (`public/_locales`), with the English text as the fallback where the
 * API is missing (unit tests, a page outside the extension). Vendor and measure data stay in their own words.
 */

import { englishMessage, type LocalText, type MessageKey, renderText, type Translate } from '../lib/i18n/index';
import { extensionGlobal } from '../platform/quirks/extension-namespace';

export type { MessageKey } from '../lib/i18n/index';

/** The browser's message lookup (undefined outside an extension). */
export const browserTranslate: Translate = (key, substitutions) =>
  extensionGlobal()?.i18n?.getMessage(key, substitutions);

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  const subs = substitutions.map(String);
  return browserTranslate(key, subs) || englishMessage(key, subs);
}

/** Localisable text built by lib/ (message key + substitutions) in the reader's language. */
export const tx = (text: LocalText): string => renderText(text, browserTranslate);
