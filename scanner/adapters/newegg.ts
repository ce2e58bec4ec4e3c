import type { SiteAdapter } from './types';

/**
 * Newegg search and category results: one `.item-cell` (older pages: `.item-container`) per product, titled by
 * `a.item-title`. Selectors from toadmengo/prices, newegg.py (`div.item-cell`, `a.item-title`, `a.item-img`) and
 * kaistullich/SSD_Web_Scraping, new_egg.py (`div.item-container`).
 */
export const newegg: SiteAdapter = {
  id: 'newegg',
  name: 'Newegg',
  hosts: /(^|\.)newegg\.(com|ca)$/,
  itemSelector: '.item-cell, .item-container',
  titleSelector: 'a.item-title',
  testUrls: ['https://www.newegg.com/p/pl?d=poe+ip+camera', 'https://www.newegg.ca/p/pl?d=nvr'],
};
