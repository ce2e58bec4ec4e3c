import type { SiteAdapter } from './types';

/**
 * Farnell, element14 and Newark (one Avnet storefront under three names). No real markup of their search results
 * was found (the public code seen uses the element14 product API, not the pages), so this adapter only assumes
 * what a parts listing generally is: a table with one product per body row, titled by its product link (product
 * pages live under `/dp/<order code>`, as trcooke/cpc-promo-code-finder, cpc-prices.groovy, fetches them). Where
 * the real page is not such a table, nothing matches and the generic block scan reads the page as any other.
 */
export const farnell: SiteAdapter = {
  id: 'farnell',
  name: 'Farnell / element14 / Newark',
  hosts: /(^|\.)(farnell\.com|element14\.com|newark\.com)$/,
  itemSelector: 'main table tbody tr, #main table tbody tr',
  titleSelector: 'td a[href*="/dp/"], td a',
  testUrls: [
    'https://uk.farnell.com/search?st=lte%20module',
    'https://www.newark.com/search?st=lte%20module',
    'https://au.element14.com/search?st=lte%20module',
  ],
};
