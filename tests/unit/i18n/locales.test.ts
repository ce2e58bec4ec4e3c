/**
 * The interface's five locales stay complete and consistent: every message key the code uses exists in all of
 * them with the same placeholders, and no locale carries keys the code no longer uses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const LOCALES = ['en', 'de', 'fr', 'zh_CN', 'zh_TW'];

type Messages = Record<string, { message: string; description?: string }>;
const messages: Record<string, Messages> = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    JSON.parse(readFileSync(join(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8')) as Messages,
  ]),
);
const english = messages.en!;

/** The source files that can show interface text. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|html)$/.test(name) ? [path] : [];
  });
}
const code = [
  ...['components', 'entrypoints', 'lib', 'scanner', 'platform'].flatMap((d) => sources(join(ROOT, d))),
  join(ROOT, 'wxt.config.ts'),
].map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

const placeholders = (message: string) => [...new Set(message.match(/\$[1-9]/g) ?? [])].sort();

/** Keys the code asks for explicitly: t('key', ...), { key: 'key' }, __MSG_key__. */
function explicitKeys(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/\bt\(\s*'([A-Za-z0-9_]+)'/g, /\bkey:\s*'([A-Za-z0-9_]+)'/g, /__MSG_([A-Za-z0-9_]+)__/g];
  for (const { path, text } of code) {
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.set(match[1]!, path);
  }
  return found;
}

describe('locales', () => {
  it('has all five locales', () => {
    expect(Object.keys(english).length).toBeGreaterThan(100);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))(
    '%s has exactly the English keys, with the same placeholders',
    (locale) => {
      const translated = messages[locale]!;
      expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
      for (const [key, { message }] of Object.entries(english)) {
        expect(placeholders(translated[key]!.message), `${locale}.${key}`).toEqual(placeholders(message));
        expect(translated[key]!.message.trim(), `${locale}.${key} is empty`).not.toBe('');
      }
    },
  );

  it('uses only $1..$9 and $$ in messages (no stray dollar signs, no named placeholders)', () => {
    for (const locale of LOCALES) {
      for (const [key, { message }] of Object.entries(messages[locale]!)) {
        expect(message.replace(/\$(\$|[1-9])/g, ''), `${locale}.${key}`).not.toContain('$');
        // Chrome reads "$1$2" as the named placeholder "$1$" and refuses the whole locale file.
        expect(message, `${locale}.${key}`).not.toMatch(/\$[1-9]\$/);
        expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      }
    }
  });

  it('every key the code asks for exists in every locale', () => {
    const keys = explicitKeys();
    expect(keys.size).toBeGreaterThan(50);
    for (const [key, path] of keys) {
      for (const locale of LOCALES)
        expect(messages[locale]![key], `${key} (used in ${path}) in ${locale}`).toBeDefined();
    }
  });

  it('no locale has keys the code does not use', () => {
    const all = code.map((file) => file.text).join('\n');
    // Plural forms (`<base>_one`, `<base>_other`, ...) are asked for by their base (lib/i18n/plural.ts).
    const used = (key: string) =>
      all.includes(`'${key}'`) || all.includes(`"${key}"`) || all.includes(`__MSG_${key}__`);
    const unused = Object.keys(english).filter(
      (key) => !used(key) && !used(key.replace(/_(zero|one|two|few|many|other)$/, '')),
    );
    expect(unused).toEqual([]);
  });
});
