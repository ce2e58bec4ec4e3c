/**
 * Unit tests render the interface in Node, where there is no extension API: this installs `chrome.i18n` answering
 * from the English messages as the browser does (components/i18n.ts has no English fallback of its own, issue 17).
 * Tests that speak another language set `browser.i18n`, which is looked up first.
 */
import { englishMessage } from '../../lib/i18n/english';
import { isMessageKey } from '../../lib/i18n/index';

const getMessage = (key: string, substitutions: string | string[] = []) =>
  isMessageKey(key) ? englishMessage(key, typeof substitutions === 'string' ? [substitutions] : substitutions) : '';

Object.assign(globalThis, { chrome: { i18n: { getMessage } } });
