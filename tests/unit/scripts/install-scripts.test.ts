/**
 * `npm ci` on a fresh machine prints no warning about dependency install scripts (issue 18): npm 11 warns about
 * every installed package with an install script that package.json's `allowScripts` does not decide. Each such
 * package in the lockfile must be decided there (esbuild's postinstall is denied: it only checks and optimises the
 * platform binary npm already installs as its optional dependency).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../${name}`, import.meta.url), 'utf8'));
const manifest = read('package.json') as { allowScripts?: Record<string, boolean> };
const lock = read('package-lock.json') as {
  packages: Record<string, { hasInstallScript?: boolean; optional?: boolean; dev?: boolean }>;
};

/** The package name of a lockfile path ("node_modules/a/node_modules/@s/b" is "@s/b"). */
const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('dependency install scripts', () => {
  const withScripts = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
    .map(([path]) => nameOf(path));

  it('the lockfile is what the test reads: esbuild has an install script', () => {
    expect(withScripts).toContain('esbuild');
  });

  it('package.json allowScripts decides every dependency that has one', () => {
    const decided = Object.keys(manifest.allowScripts ?? {});
    expect(withScripts.filter((name) => !decided.includes(name))).toEqual([]);
  });

  it('runs none of them: esbuild works from its platform package without its postinstall', () => {
    expect(manifest.allowScripts?.esbuild).toBe(false);
    const platforms = Object.keys(lock.packages).filter((path) => /node_modules\/@esbuild\/linux-x64$/.test(path));
    expect(platforms.length).toBeGreaterThan(0);
  });
});
