/**
 * Interface text from the browser's i18n (`public/_locales`), with the English text as the fallback where the
 * API is missing (unit tests, a page outside the extension). Vendor and measure data stay in their own words.
 */
import english from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;

interface I18nApi {
  getMessage(key: string, substitutions?: string[]): string;
}

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  const scope = globalThis as unknown as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  const api = scope.browser?.i18n ?? scope.chrome?.i18n;
  const subs = substitutions.map(String);
  const translated = api?.getMessage(key, subs);
  if (translated) return translated;
  return subs.reduce((text, value, index) => text.replaceAll(`$${index + 1}`, value), english[key].message);
}
