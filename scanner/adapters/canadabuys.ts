import type { SiteAdapter } from './types';

/**
 * CanadaBuys tender opportunities: one notice per row of the results table (a Drupal view), titled by the
 * notice-title cell. Selectors from Shoebn/gecaws, live_scripts/ca_buyandsell_spn.py (`//*[@id="t"]/…/table/tbody/tr`,
 * `td.views-field.views-field-dummy-notice-title`, `td.views-field.views-field-field-tender-organization`,
 * `td:nth-child(1) > a`).
 */
export const canadabuys: SiteAdapter = {
  id: 'canadabuys',
  name: 'CanadaBuys',
  hosts: /(^|\.)canadabuys\.canada\.ca$/,
  itemSelector: '#t table tbody tr',
  titleSelector: 'td.views-field-dummy-notice-title',
  testUrls: ['https://canadabuys.canada.ca/en/tender-opportunities?search_filter=video%20surveillance'],
};
