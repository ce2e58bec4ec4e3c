import type { SiteAdapter } from './types';

/**
 * Toolstation search results. No real markup was found: the public scrapers seen read Toolstation's JSON API or
 * search the page for the query text because, as one notes, its result tiles carry "no meaningful ids"
 * (martynbutty/tradeToolSearch, toolstationSearch.py). This adapter therefore only claims schema.org Product
 * microdata; where the page has none, nothing matches and the generic block scan reads it as any other page.
 */
export const toolstation: SiteAdapter = {
  id: 'toolstation',
  name: 'Toolstation',
  hosts: /(^|\.)toolstation\.(com|nl|be|fr)$/,
  itemSelector: '[itemtype$="schema.org/Product"]',
  titleSelector: '[itemprop="name"]',
  testUrls: ['https://www.toolstation.com/search?q=cctv%20camera'],
};
