/**
 * The interface's i18n core: message keys (those of `public/_locales/en`), localisable text (`LocalText`: a key
 * with substitutions) and its rendering. The extension renders with the browser's i18n (components/i18n.ts); the
 * CLI, exports and tests render in English with `renderText`. Pure: no browser APIs.
 */
import english from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(english, key);
}

/** A localisable sentence: a message key and its substitutions ($1, $2, ... in the message), which may nest. */
export interface LocalText {
  key: MessageKey;
  subs?: Array<string | LocalText>;
}

/** Looks up a message in the reader's language; undefined (or empty) falls back to English. */
export type Translate = (key: MessageKey, substitutions: string[]) => string | undefined;

/** `$1`..`$9` replaced by the substitutions, `$$` by `$`, as browser.i18n.getMessage does. */
export function fillMessage(message: string, substitutions: string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (whole, which: string) =>
    which === '$' ? '$' : (substitutions[Number(which) - 1] ?? whole),
  );
}

export function englishMessage(key: MessageKey, substitutions: string[] = []): string {
  return fillMessage(english[key].message, substitutions);
}

/** Renders localisable text with `translate`, or in English. */
export function renderText(text: LocalText, translate?: Translate): string {
  const subs = (text.subs ?? []).map((sub) => (typeof sub === 'string' ? sub : renderText(sub, translate)));
  return translate?.(text.key, subs) || englishMessage(text.key, subs);
}
