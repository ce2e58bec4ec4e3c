import type { SiteAdapter } from './types';

/** eBay search results (classic s-item and newer s-card layouts) and the item page title. */
export const ebay: SiteAdapter = {
  id: 'ebay',
  name: 'eBay',
  hosts: /(^|\.)ebay\.(com|co\.uk|de|fr|it|es|nl|ie|ca|com\.au)$/,
  itemSelector: 'li.s-item, li.s-card, .x-item-title',
  titleSelector: '.s-item__title, .s-card__title, .x-item-title__mainTitle, h1',
  testUrls: [
    'https://www.ebay.co.uk/sch/i.html?_nkw=hikvision+nvr',
    'https://www.ebay.com/sch/i.html?_nkw=dahua+camera',
  ],
};
