import type { SiteAdapter } from './types';

/**
 * Public Contracts Scotland notice search: one notice per row of the results table, titled by the notice link in
 * its second cell. Selectors from Shoebn/gecaws, live_scripts/uk_publiccosct.py (`#maintablecontent` `tbody/tr`,
 * `td:nth-child(2) > a`).
 */
export const publicContractsScotland: SiteAdapter = {
  id: 'public-contracts-scotland',
  name: 'Public Contracts Scotland',
  hosts: /(^|\.)publiccontractsscotland\.gov\.uk$/,
  itemSelector: '#maintablecontent tbody tr',
  titleSelector: 'td:nth-child(2) > a',
  testUrls: ['https://www.publiccontractsscotland.gov.uk/Search/Search_MainPage.aspx'],
};
