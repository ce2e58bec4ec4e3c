import type { SiteAdapter } from './types';

/** TED search results: one notice per table row. */
export const ted: SiteAdapter = {
  id: 'ted',
  name: 'TED (EU)',
  hosts: /(^|\.)ted\.europa\.eu$/,
  itemSelector: 'table tbody tr, .notice-search-result',
  titleSelector: 'a, h2, td',
  testUrls: ['https://ted.europa.eu/en/search/result?search-scope=ACTIVE'],
};
