/**
 * Plural forms by the reader's language rules (Intl.PluralRules), for messages that come in forms: `<base>_one`,
 * `<base>_other` (and `_two`, `_few`, `_many`, `_zero` where a language needs them). A form a locale's file lacks
 * falls back to `_other`, so Chinese (one form) and English (two) share the same keys.
 */
import { isMessageKey, type MessageKey } from './index';

/** Message keys that have plural forms, by their base name. */
type PluralBase = MessageKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;

const rules = new Map<string, Intl.PluralRules>();
function pluralRules(locale: string): Intl.PluralRules {
  let rule = rules.get(locale);
  if (!rule) {
    try {
      rule = new Intl.PluralRules(locale);
    } catch {
      rule = new Intl.PluralRules('en');
    }
    rules.set(locale, rule);
  }
  return rule;
}

/** The message key of `base` for `count` in `locale` (a BCP 47 tag such as "de" or "zh-CN"). */
export function pluralKey(base: PluralBase, count: number, locale: string): MessageKey {
  const form = `${base}_${pluralRules(locale.replace('_', '-')).select(count)}`;
  return isMessageKey(form) ? form : `${base}_other`;
}
