/**
 * Interface text from the browser's i18n (`public/_locales`), with the English text as the fallback where the
 * API is missing (unit tests, a page outside the extension). Vendor and measure data stay in their own words.
 */
import { englishMessage, type LocalText, type MessageKey, renderText, type Translate } from '../lib/i18n/index';

export type { MessageKey } from '../lib/i18n/index';

interface I18nApi {
  getMessage(key: string, substitutions?: string[]): string;
}

/** The browser's message lookup (undefined outside an extension). */
export const browserTranslate: Translate = (key, substitutions) => {
  const scope = globalThis as unknown as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  const api = scope.browser?.i18n ?? scope.chrome?.i18n;
  return api?.getMessage(key, substitutions);
};

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  const subs = substitutions.map(String);
  return browserTranslate(key, subs) || englishMessage(key, subs);
}

/** Localisable text built by lib/ (message key + substitutions) in the reader's language. */
export const tx = (text: LocalText): string => renderText(text, browserTranslate);
