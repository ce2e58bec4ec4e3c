/**
 * Renders public/icon/icon.svg to the PNG sizes the stores and browsers want, using the same Debian Chromium
 * the tests use. Run after editing the SVG: `npx tsx scripts/make-icons.ts`; commit the PNGs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/browsers';

const SIZES = [16, 32, 48, 96, 128];

const svg = await readFile(new URL('../public/icon/icon.svg', import.meta.url), 'utf8');
const browser = await puppeteer.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
const page = await browser.newPage();
for (const size of SIZES) {
  await page.setViewport({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
  );
  const png = await page.screenshot({ omitBackground: true, type: 'png' });
  await writeFile(new URL(`../public/icon/${size}.png`, import.meta.url), png);
}
await browser.close();
console.log(`wrote ${SIZES.map((s) => `${s}.png`).join(', ')}`);
