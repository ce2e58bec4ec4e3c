import type { SiteAdapter } from './types';

/** Contracts Finder search results: one notice per result. */
export const contractsFinder: SiteAdapter = {
  id: 'contracts-finder',
  name: 'Contracts Finder (UK)',
  hosts: /(^|\.)contractsfinder\.service\.gov\.uk$/,
  itemSelector: '.search-result',
  titleSelector: '.search-result-header, h2',
  testUrls: ['https://www.contractsfinder.service.gov.uk/Search/Results'],
};
