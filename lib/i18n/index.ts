/**
 * The interface's i18n core: message keys (those of `public/_locales/en`), localisable text (`LocalText`: a key
 * with substitutions) and its rendering. The extension renders with the browser's i18n (components/i18n.ts); the
 * CLI, exports and tests render in English (lib/i18n/english.ts). Pure: no browser APIs, and none of the messages
 * themselves, so the content script does not carry them (issue 17).
 */
import { MESSAGE_KEYS, type MessageKey } from './keys';

export type { MessageKey } from './keys';

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(MESSAGE_KEYS, key);
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

/** Renders localisable text, substitutions first, each message by `message`. */
export function renderWith(text: LocalText, message: (key: MessageKey, substitutions: string[]) => string): string {
  const subs = (text.subs ?? []).map((sub) => (typeof sub === 'string' ? sub : renderWith(sub, message)));
  return message(text.key, subs);
}
