import type { SiteAdapter } from './types';

/** Find a Tender search results: one notice per result. */
export const findATender: SiteAdapter = {
  id: 'find-a-tender',
  name: 'Find a Tender (UK)',
  hosts: /(^|\.)find-tender\.service\.gov\.uk$/,
  itemSelector: '.search-result',
  titleSelector: '.search-result-header, h2',
  testUrls: ['https://www.find-tender.service.gov.uk/Search/Results'],
};
