/**
 * `npm run demo`: builds the extension, serves the bundled demo pages (a shop's search results and a public
 * tender notice), opens Chromium with the extension loaded on them and prints what was flagged. With a display
 * the browser stays open for you to explore (Ctrl+C to quit); headless, it saves screenshots you can open.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderText } from '../lib/i18n/english';
import { VERDICT_LABELS } from '../lib/present/labels';
import { EXTENSION_DIRS, launchWithExtension } from '../tests/e2e/harness';
import { startServer } from '../tests/e2e/server';

const ROOT = resolve(import.meta.dirname, '..');
/** Each page is read as the person who would be on it: a shopper in the UK, a UK council's buyer. */
const PAGES = [
  { path: '/demo/shop-results.html', label: 'Shop search results', settings: { profile: 'consumer', country: 'GB' } },
  {
    path: '/demo/tender-notice.html',
    label: 'Public tender notice',
    settings: { profile: 'uk-public', country: 'GB' },
  },
];
const headed = Boolean(process.env.DISPLAY) && !process.argv.includes('--headless');

if (!process.argv.includes('--no-build')) {
  console.log('Building the Chrome extension (wxt build)...');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const server = await startServer({ '/demo/': join(ROOT, 'demo/pages') });
const run = await launchWithExtension('chromium', { headless: !headed, extensionDir: EXTENSION_DIRS.chromium });
const outputDir = join(ROOT, 'demo-output');
await mkdir(outputDir, { recursive: true });

let total = 0;
for (const { path, label, settings } of PAGES) {
  await run.setSettings(settings);
  const page = await run.open(server.url(path));
  const state = await run.tabState(page);
  const findings = state?.findings ?? [];
  total += findings.length;
  console.log(`\n${label}  ${server.url(path)}  (profile: ${settings.profile}, ${settings.country})`);
  console.log(
    `  ${findings.length} finding${findings.length === 1 ? '' : 's'} (watchlist v${state?.listVersion ?? '?'})`,
  );
  for (const finding of findings) {
    const measures =
      finding.measures.map((m) => `${m.title} (${m.jurisdiction})`).join('; ') || 'no measure for your settings';
    console.log(
      `  - ${VERDICT_LABELS[finding.verdict]}: ${finding.vendorName}  “${finding.evidence}”\n      ${renderText(finding.verdictLineText)}\n      ${measures}`,
    );
  }
  if (!headed) {
    // Open the first warning so the screenshot shows a rationale card, not just the badges.
    // The warning's shadow root is closed in release builds: click the pill where it is on screen, as a person does.
    // The first-run tab can take the front: a background tab renders no frames, so the click's scroll-into-view
    // (an IntersectionObserver) would wait until the protocol timeout.
    await page.bringToFront();
    const opened = await page.evaluate(() => {
      const host = document.querySelector('vendorwatch-warning');
      host?.scrollIntoView({ block: 'center' });
      return Boolean(host);
    });
    if (opened) await page.click('vendorwatch-warning');
    const file = join(outputDir, `${path.split('/').pop()!.replace('.html', '')}.png`);
    await page.screenshot({ path: file as `${string}.png`, fullPage: true });
    console.log(`  screenshot: ${file}`);
  }
}

console.log(`\n${total} findings on ${PAGES.length} demo pages.`);
if (headed) {
  console.log('Chromium is open with VendorWatch loaded. Press Ctrl+C to quit.');
  const quit = async () => {
    await run.close();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', quit);
  run.browser.on('disconnected', quit);
} else {
  await run.close();
  await server.close();
}
