import type { SiteAdapter } from './types';

/** Walmart search results: items carry data-item-id. */
export const walmart: SiteAdapter = {
  id: 'walmart',
  name: 'Walmart',
  hosts: /(^|\.)walmart\.(com|ca)$/,
  itemSelector: '[data-item-id]',
  titleSelector: '[data-automation-id="product-title"]',
  testUrls: ['https://www.walmart.com/search?q=security+camera'],
};
