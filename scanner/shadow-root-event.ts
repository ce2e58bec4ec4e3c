/** Event the page-world hook (entrypoints/shadow-roots.content.ts) fires on a host given an open shadow root. */
export const SHADOW_ROOT_EVENT = 'vendorwatch-shadow-root';
