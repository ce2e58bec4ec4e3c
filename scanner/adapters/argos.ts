import type { SiteAdapter } from './types';

/** Argos search results: product cards. */
export const argos: SiteAdapter = {
  id: 'argos',
  name: 'Argos',
  hosts: /(^|\.)argos\.co\.uk$/,
  itemSelector: '[data-test="component-product-card"]',
  titleSelector: '[data-test="component-product-card-title"]',
  testUrls: ['https://www.argos.co.uk/search/security-camera/'],
};
