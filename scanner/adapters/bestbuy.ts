import type { SiteAdapter } from './types';

/** Best Buy search results: sku-item cards. */
export const bestbuy: SiteAdapter = {
  id: 'bestbuy',
  name: 'Best Buy',
  hosts: /(^|\.)bestbuy\.(com|ca)$/,
  itemSelector: 'li.sku-item, li.product-list-item',
  titleSelector: '.sku-title, .sku-header, h4',
  testUrls: ['https://www.bestbuy.com/site/searchpage.jsp?st=security+camera'],
};
