import type { SiteAdapter } from './types';

/**
 * RS (RS Components, rs-online.com) search results. The Americas store (us.rs-online.com) lists one product per
 * `tr.product-item`, titled by `.product-item-name`; selectors from scrapfly/scrapfly-scrapers,
 * rs-online-scraper/rs_online.py (parse_search). No real markup was found for the UK/EU stores (uk.rs-online.com,
 * de.rs-online.com: a different, script-rendered front end): there nothing matches and the page gets the generic
 * block scan, which still flags what it reads.
 */
export const rsOnline: SiteAdapter = {
  id: 'rs-online',
  name: 'RS (RS Components)',
  hosts: /(^|\.)rs-online\.com$/,
  itemSelector: 'tr.product-item',
  titleSelector: '.product-item-name',
  testUrls: [
    'https://us.rs-online.com/catalogsearch/result/?q=lte%20module',
    'https://uk.rs-online.com/web/c/?searchTerm=lte%20module',
  ],
};
