/**
 * The English messages, for what renders without the browser's i18n: the CLI, exports, problem reports and the
 * background's English words. The content script never imports this (lib/i18n/index.ts has the keys alone).
 */
import english from '../../public/_locales/en/messages.json';
import { fillMessage, type LocalText, type MessageKey, renderWith, type Translate } from './index';

export function englishMessage(key: MessageKey, substitutions: string[] = []): string {
  return fillMessage(english[key].message, substitutions);
}

/** Renders localisable text with `translate`, or in English. */
export function renderText(text: LocalText, translate?: Translate): string {
  return renderWith(text, (key, subs) => translate?.(key, subs) || englishMessage(key, subs));
}
