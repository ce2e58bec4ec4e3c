import type { SiteAdapter } from './types';

/** Amazon search results across marketplaces: each result is a `s-search-result` card titled by its h2. */
export const amazon: SiteAdapter = {
  id: 'amazon',
  name: 'Amazon',
  hosts: /(^|\.)amazon\.(com|co\.uk|de|fr|it|es|nl|se|pl|ca|com\.au|com\.mx|co\.jp|in|sg|ae)$/,
  itemSelector: '[data-component-type="s-search-result"], #centerCol, #dp-container #ppd',
  titleSelector: 'h2, #productTitle, #title',
  testUrls: ['https://www.amazon.co.uk/s?k=hikvision+camera', 'https://www.amazon.com/s?k=poe+ip+camera'],
};
