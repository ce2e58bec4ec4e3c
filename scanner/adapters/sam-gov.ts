import type { SiteAdapter } from './types';

/** SAM.gov contract opportunity search results. */
export const samGov: SiteAdapter = {
  id: 'sam-gov',
  name: 'SAM.gov (US)',
  hosts: /(^|\.)sam\.gov$/,
  itemSelector: 'app-opportunity-result, .sds-card',
  titleSelector: 'h3, .sds-card__title',
  testUrls: ['https://sam.gov/search/?index=opp&keywords=video%20surveillance'],
};
