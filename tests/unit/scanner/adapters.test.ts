/**
 * Adapter meta-test: every adapter file is registered, its id is its file name, its fixture page exists and its
 * test addresses are on the hosts it claims.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../scanner/adapters/index';

const DIR = new URL('../../../scanner/adapters/', import.meta.url);
const files = readdirSync(DIR)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && file !== 'types.ts')
  .map((file) => file.replace(/\.ts$/, ''));

describe('site adapters', () => {
  it('registers every adapter file, once', () => {
    expect(ADAPTERS.map((adapter) => adapter.id).sort()).toEqual([...files].sort());
  });

  for (const file of files) {
    it(`${file}: id is the file name, the fixture exists, the test addresses are its hosts`, async () => {
      const module: Record<string, unknown> = await import(`../../../scanner/adapters/${file}.ts`);
      const exported = Object.values(module).filter((value) => ADAPTERS.includes(value as never));
      expect(exported).toHaveLength(1);
      const adapter = ADAPTERS.find((candidate) => candidate === exported[0])!;
      expect(adapter.id).toBe(file);
      expect(existsSync(new URL(`../../fixtures/sites/${file}.html`, import.meta.url))).toBe(true);
      expect(adapter.testUrls.length).toBeGreaterThan(0);
      for (const url of adapter.testUrls) expect(adapter.hosts.test(new URL(url).hostname), url).toBe(true);
    });
  }
});
