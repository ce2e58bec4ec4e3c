import type { SiteAdapter } from './types';

/** AliExpress search results: each product card (gallery and list layouts). */
export const aliexpress: SiteAdapter = {
  id: 'aliexpress',
  name: 'AliExpress',
  hosts: /(^|\.)aliexpress\.(com|us)$/,
  itemSelector: '.search-item-card-wrapper-gallery, .search-item-card-wrapper-list, a.search-card-item',
  titleSelector: 'h3, [class*="title"]',
  testUrls: ['https://www.aliexpress.com/w/wholesale-ip-camera.html'],
};
