import type { SiteAdapter } from './types';

/**
 * New Zealand Government Electronic Tenders Service (GETS) listing: one tender per row of `#treetbl` (RFx ID in
 * the first cell, the title link in the third, the close date in the fifth); the table's heading and pager rows
 * carry no product text. Selectors from Shoebn/gecaws, live_scripts/nz_getgovt_spn.py (`#treetbl`,
 * `…/table/tbody/tr`, `td:nth-child(3) a`).
 */
export const nzGets: SiteAdapter = {
  id: 'nz-gets',
  name: 'GETS (New Zealand)',
  hosts: /(^|\.)gets\.govt\.nz$/,
  itemSelector: '#treetbl tbody tr',
  titleSelector: 'td:nth-child(3)',
  testUrls: ['https://www.gets.govt.nz/ExternalIndex.htm'],
};
