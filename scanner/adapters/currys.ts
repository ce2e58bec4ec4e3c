import type { SiteAdapter } from './types';

/**
 * Currys category and search results: product tiles in the `.product-grid`, titled by the tile's name link.
 * Selectors from JCart97/web-scrape, web_scrape_method_2.py (`div.product-grid`, `span.list-product-tile-name`
 * `a.pdpLink`); the tile wrapper itself is not named there, so each child of the grid is taken as one tile.
 */
export const currys: SiteAdapter = {
  id: 'currys',
  name: 'Currys',
  hosts: /(^|\.)currys\.(co\.uk|ie)$/,
  itemSelector: '.product-grid > div',
  titleSelector: '.list-product-tile-name, a.pdpLink',
  testUrls: [
    'https://www.currys.co.uk/search?q=security%20camera',
    'https://www.currys.co.uk/smart-tech/smart-home/smart-security/security-cameras',
  ],
};
