import type { SiteAdapter } from './types';

/**
 * Digi-Key product listing (search and category results): one product per row of the results table, titled by
 * the manufacturer product number link (the row also holds the maker and the description).
 * Selectors from bombledmonk/keymaster, keymaster.user.js (a Digi-Key search userscript:
 * `table[data-testid="data-table-0"]`, `a[data-testid="data-table-product-number"]`,
 * `div[data-testid="data-table-0-product-description"]`, `td[data-atag="tr-manufacturer"]`).
 */
export const digikey: SiteAdapter = {
  id: 'digikey',
  name: 'Digi-Key',
  hosts: /(^|\.)digikey\.(com|co\.uk|de|fr|it|es|nl|se|pl|ch|at|be|dk|fi|ie|ca|com\.au|jp|cn|tw|in|sg|kr|com\.mx)$/,
  itemSelector: 'table[data-testid="data-table-0"] > tbody > tr',
  titleSelector: 'a[data-testid="data-table-product-number"], [data-testid="data-table-0-product-description"]',
  testUrls: [
    'https://www.digikey.com/en/products/result?keywords=lte%20module',
    'https://www.digikey.co.uk/en/products/result?keywords=EG25-G',
  ],
};
