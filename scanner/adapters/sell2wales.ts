import type { SiteAdapter } from './types';

/**
 * Sell2Wales notice search: one notice per row of the results grid; the second cell holds the title link with
 * the reference and the publishing body under it. Selectors from Shoebn/gecaws, live_scripts/uk_sell2wales.py
 * (`#ctl00_ContentPlaceHolder1_grdResults` `tbody/tr`, `td:nth-child(2) > a`, "Reference No:" in that cell).
 */
export const sell2wales: SiteAdapter = {
  id: 'sell2wales',
  name: 'Sell2Wales',
  hosts: /(^|\.)sell2wales\.gov\.wales$/,
  itemSelector: '#ctl00_ContentPlaceHolder1_grdResults tbody tr',
  titleSelector: 'td:nth-child(2) > a',
  testUrls: ['https://www.sell2wales.gov.wales/Search/search_mainpage.aspx'],
};
