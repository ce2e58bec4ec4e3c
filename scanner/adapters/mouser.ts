import type { SiteAdapter } from './types';

/**
 * Mouser search and category results: one product per row of the results grid (rows carry `data-index` and the
 * maker in `data-actualmfrname`), titled by the manufacturer part number link.
 * Selectors from scrapfly/scrapfly-scrapers, mouser-scraper/mouser.py (parse_search: `table#SearchResultsGrid_grid`
 * `tbody/tr[@data-index]`, `a[starts-with(@id,"lnkMfrPartNumber_")]`, `td.desc-column`).
 */
export const mouser: SiteAdapter = {
  id: 'mouser',
  name: 'Mouser Electronics',
  hosts: /(^|\.)mouser\.(com|co\.uk|de|fr|it|es|nl|se|pl|ch|at|be|dk|fi|ie|pt|cz|hu|ca|com\.au|jp|cn|tw|in|sg)$/,
  itemSelector: 'table#SearchResultsGrid_grid tbody tr[data-index]',
  titleSelector: 'a[id^="lnkMfrPartNumber_"], td.desc-column',
  testUrls: [
    'https://www.mouser.com/c/?q=lte%20module',
    'https://eu.mouser.com/c/?q=EG25-G',
    'https://www.mouser.co.uk/c/?q=lte%20cat%204',
  ],
};
