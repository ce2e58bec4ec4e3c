/**
 * Interface text from the browser's i18n (`public/_locales`). Vendor and measure data stay in their own words.
 * No English fallback here: in the extension getMessage always answers (English is the default locale), and the
 * content script would otherwise carry every English message (issue 17). Unit tests install an i18n backed by the
 * English file (tests/support/i18n-setup.ts); outside both, the key shows.
 */

import { type LocalText, type MessageKey, renderWith } from '../lib/i18n/index';
import { extensionGlobal } from '../platform/quirks/extension-namespace';

export type { MessageKey } from '../lib/i18n/index';

const message = (key: MessageKey, substitutions: string[]): string =>
  extensionGlobal()?.i18n?.getMessage(key, substitutions) || key;

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  return message(key, substitutions.map(String));
}

/** Localisable text built by lib/ (message key + substitutions) in the reader's language. */
export const tx = (text: LocalText): string => renderWith(text, message);
