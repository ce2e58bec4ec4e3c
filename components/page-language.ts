/**
 * Marks an extension page with the language its interface text is in. That is the locale whose messages the
 * browser picked, which is not always `@@ui_locale` (Chromium reports its own UI locale there), so each locale
 * names itself in `localeCode`.
 */
import { t } from './i18n';

export function setPageLanguage(): void {
  document.documentElement.lang = t('localeCode');
}
