/**
 * The site adapters. Adding a site: one file here exporting a SiteAdapter, one line in ADAPTERS, one fixture
 * page in tests/fixtures/sites/, one entry in tests/e2e/sites.e2e.ts.
 */

import { aliexpress } from './aliexpress';
import { amazon } from './amazon';
import { argos } from './argos';
import { austender } from './austender';
import { bestbuy } from './bestbuy';
import { canadabuys } from './canadabuys';
import { contractsFinder } from './contracts-finder';
import { currys } from './currys';
import { digikey } from './digikey';
import { ebay } from './ebay';
import { farnell } from './farnell';
import { findATender } from './find-a-tender';
import { mouser } from './mouser';
import { newegg } from './newegg';
import { nzGets } from './nz-gets';
import { publicContractsScotland } from './public-contracts-scotland';
import { rsOnline } from './rs-online';
import { samGov } from './sam-gov';
import { screwfix } from './screwfix';
import { sell2wales } from './sell2wales';
import { taiwanPcc } from './taiwan-pcc';
import { ted } from './ted';
import { temu } from './temu';
import { toolstation } from './toolstation';
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
  mouser,
  digikey,
  rsOnline,
  farnell,
  toolstation,
  currys,
  newegg,
  temu,
  publicContractsScotland,
  sell2wales,
  austender,
  taiwanPcc,
  canadabuys,
  nzGets,
];

export function adapterFor(hostname: string): SiteAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.hosts.test(hostname));
}

export type { SiteAdapter };
