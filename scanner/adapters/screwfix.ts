import type { SiteAdapter } from './types';

/** Screwfix search results: product tiles. */
export const screwfix: SiteAdapter = {
  id: 'screwfix',
  name: 'Screwfix',
  hosts: /(^|\.)screwfix\.(com|ie)$/,
  itemSelector: '[data-qaid="product-card"], [data-qaid="product-tile"]',
  titleSelector: '[data-qaid="product_description"], h3, h2',
  testUrls: ['https://www.screwfix.com/search?search=cctv+camera'],
};
