/**
 * The README's list of supported sites is the registered adapters, no more and no fewer, each under its own name
 * and with addresses its adapter really serves: a site added to ADAPTERS without a README row (or a row left after
 * an adapter goes) fails here instead of drifting.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterFor } from '../../../scanner/adapters/index';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The table rows of the "Supported sites" section: site name, kind, the addresses in backticks, adapter id. */
function readmeRows(): Array<{ name: string; kind: string; hosts: string[]; id: string }> {
  const section = README.split(/^## /m).find((part) => part.startsWith('Supported sites\n'));
  if (!section) throw new Error('README has no "## Supported sites" section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| site ') && !line.startsWith('| ---'))
    .map((line) => {
      const cells = line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim());
      expect(cells, line).toHaveLength(4);
      const [name, kind, addresses, adapter] = cells as [string, string, string, string];
      return {
        name,
        kind,
        hosts: [...addresses.matchAll(/`([^`]+)`/g)].map((match) => match[1]!),
        id: adapter.replace(/^`|`$/g, ''),
      };
    });
}

describe('README supported sites', () => {
  const rows = readmeRows();

  it('lists every registered adapter once, in the registered order', () => {
    expect(rows.map((row) => row.id)).toEqual(ADAPTERS.map((adapter) => adapter.id));
    expect(README).toContain(`The ${ADAPTERS.length} adapters`);
  });

  it.each(ADAPTERS.map((adapter) => [adapter.id, adapter] as const))(
    '%s: its name, a kind, and addresses it serves',
    (id, adapter) => {
      const row = rows.find((candidate) => candidate.id === id)!;
      expect(row.name).toBe(adapter.name);
      expect(['shop', 'electronics distributor', 'tender portal']).toContain(row.kind);
      expect(row.hosts.length).toBeGreaterThan(0);
      for (const host of row.hosts) {
        expect(adapterFor(host)?.id, host).toBe(id);
        expect(adapterFor(`www.${host}`)?.id, `www.${host}`).toBe(id);
      }
    },
  );
});
