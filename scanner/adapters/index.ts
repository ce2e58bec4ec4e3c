/**
 * The site adapters. Adding a site: one file here exporting a SiteAdapter, one line in ADAPTERS, one fixture
 * page in tests/fixtures/sites/, one entry in tests/e2e/sites.e2e.ts.
 */

import { aliexpress } from './aliexpress';
import { amazon } from './amazon';
import { argos } from './argos';
import { bestbuy } from './bestbuy';
import { contractsFinder } from './contracts-finder';
import { ebay } from './ebay';
import { findATender } from './find-a-tender';
import { samGov } from './sam-gov';
import { screwfix } from './screwfix';
import { ted } from './ted';
import type { SiteAdapter } from './types';
import { walmart } from './walmart';

export const ADAPTERS: readonly SiteAdapter[] = [
  amazon,
  ebay,
  aliexpress,
  screwfix,
  argos,
  walmart,
  bestbuy,
  findATender,
  contractsFinder,
  ted,
  samGov,
];

export function adapterFor(hostname: string): SiteAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.hosts.test(hostname));
}

export type { SiteAdapter };
