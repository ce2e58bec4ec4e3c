/** Marks an extension page with the language its interface text is in (the locale the browser's i18n chose). */
export function setPageLanguage(): void {
  const scope = globalThis as unknown as { browser?: { i18n?: { getMessage(key: string): string } } };
  const locale = scope.browser?.i18n?.getMessage('@@ui_locale');
  if (locale) document.documentElement.lang = locale.replace('_', '-');
}
