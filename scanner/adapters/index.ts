/**
 * The site adapters. Adding a site: one file here exporting a SiteAdapter, one line in ADAPTERS, one fixture
 * page in tests/fixtures/sites/, one entry in tests/e2e/sites.e2e.ts.
 */
import { amazon } from './amazon';
import type { SiteAdapter } from './types';

export const ADAPTERS: readonly SiteAdapter[] = [amazon];

export function adapterFor(hostname: string): SiteAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.hosts.test(hostname));
}

export type { SiteAdapter };
