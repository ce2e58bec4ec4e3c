/**
 * The maintainer scripts, run as a maintainer would (tsx), on a temporary directory outside the repository:
 * `watchlist:keygen` makes a key pair with the private half in a 0600 file, `watchlist:sign` writes a .sig that
 * verifies and refuses keys the extension does not trust. The private key never appears in their output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLICATION_URL } from '../../../lib/update/defaults';
import { RELEASE_KEYS, TEST_KEY } from '../../../lib/update/keys';
import { publicKeyOf } from '../../../lib/update/sign';
import { verifyListUpdate } from '../../../lib/update/verify';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const TEST_KEY_FILE = join(ROOT, 'tests/keys/test-signing.key');

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const { VENDORWATCH_SIGNING_KEY: _, ...inherited } = process.env;
  const result = spawnSync(TSX, [join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

let dir: string;
let listPath: string;
let list: Buffer;
const keyFile = () => join(dir, 'org-signing.key');
let generated: { keyId: string; publicKey: string; label: string };
let secret: string;
let keygenOutput: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vendorwatch-scripts-'));
  // The bundled list with a far expiry, so signing (which verifies the result) does not depend on today's date.
  const bundled = JSON.parse(readFileSync(join(ROOT, 'public/watchlist.json'), 'utf8'));
  bundled.meta.expiresAt = '2099-01-01T00:00:00Z';
  listPath = join(dir, 'watchlist.json');
  writeFileSync(listPath, `${JSON.stringify(bundled, null, 2)}\n`);
  list = readFileSync(listPath);

  const keygen = run('watchlist-keygen.ts', [keyFile()]);
  expect(keygen.status, keygen.output).toBe(0);
  keygenOutput = keygen.output;
  generated = JSON.parse(keygen.stdout.slice(keygen.stdout.indexOf('{')));
  secret = readFileSync(keyFile(), 'utf8').trim();
}, 60_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('watchlist:keygen', () => {
  it('writes the private key to a file only its owner can read, and prints the key id and public key', async () => {
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(generated).toEqual({
      keyId: expect.stringMatching(/^vw-\d{4}-\d{2}-[a-z0-9]{1,6}$/),
      publicKey: await publicKeyOf(secret),
      label: expect.any(String),
    });
    expect(Buffer.from(secret, 'base64')).toHaveLength(32);
    expect(keygenOutput).not.toContain(secret);
  });

  it('refuses to write inside the repository or over an existing key', () => {
    const inside = join(ROOT, 'tests', 'should-not-exist.key');
    const refusedInside = run('watchlist-keygen.ts', [inside]);
    expect(refusedInside.status).toBe(2);
    expect(refusedInside.stderr).toMatch(/refusing to write a private key inside the repository/);
    expect(existsSync(inside)).toBe(false);

    const refusedExisting = run('watchlist-keygen.ts', [keyFile()]);
    expect(refusedExisting.status).toBe(2);
    expect(refusedExisting.stderr).toMatch(/already exists; not overwriting a key/);
    expect(readFileSync(keyFile(), 'utf8').trim()).toBe(secret);
  });
});

describe('watchlist:sign', () => {
  it('refuses a key the extension does not trust, with a clear message, and writes no signature', () => {
    const refused = run('watchlist-sign.ts', ['--key', keyFile(), listPath]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'watchlist:sign: this private key does not belong to any key trusted in lib/update/keys.ts',
    );
    expect(existsSync(`${listPath}.sig`)).toBe(false);
    expect(refused.output).not.toContain(secret);
  });

  it('signs an organisation list with the generated key, and the .sig verifies against its public key', async () => {
    const signed = run('watchlist-sign.ts', ['--organisation', generated.keyId, '--key', keyFile(), listPath]);
    expect(signed.status, signed.output).toBe(0);
    expect(signed.stdout).toMatch(new RegExp(`with ${generated.keyId}; wrote .*watchlist\\.json\\.sig`));
    expect(signed.output).not.toContain(secret);
    const signature = readFileSync(`${listPath}.sig`, 'utf8');
    expect(JSON.parse(signature)).toMatchObject({ alg: 'ed25519', keyId: generated.keyId });
    const keys = [{ ...generated, label: 'organisation' }];
    const now = new Date('2026-12-01T00:00:00Z');
    const verdict = await verifyListUpdate({ body: new Uint8Array(list), signature, keys, current: null, now });
    expect(verdict.ok).toBe(true);
    // It signs these exact bytes: one changed byte no longer verifies.
    const tampered = new Uint8Array(list);
    tampered[tampered.length - 2] = 0x20;
    expect(await verifyListUpdate({ body: tampered, signature, keys, current: null, now })).toMatchObject({
      code: 'bad-signature',
    });
    rmSync(`${listPath}.sig`);
  });

  it('takes the key from the environment, and trusts the test key only when allowed', async () => {
    const testSecret = readFileSync(TEST_KEY_FILE, 'utf8').trim();
    const env = { VENDORWATCH_SIGNING_KEY: testSecret };
    const refused = run('watchlist-sign.ts', [listPath], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/does not belong to any key trusted/);
    expect(refused.output).not.toContain(testSecret);

    const signed = run('watchlist-sign.ts', ['--allow-test-key', listPath], env);
    expect(signed.status, signed.output).toBe(0);
    expect(signed.output).not.toContain(testSecret);
    const signature = readFileSync(`${listPath}.sig`, 'utf8');
    const verdict = await verifyListUpdate({
      body: new Uint8Array(list),
      signature,
      keys: [TEST_KEY],
      current: null,
      now: new Date('2026-12-01T00:00:00Z'),
    });
    expect(verdict.ok).toBe(true);
    rmSync(`${listPath}.sig`);
  });

  it('refuses a private key file inside the repository, and says when there is no key at all', () => {
    const inside = run('watchlist-sign.ts', ['--key', TEST_KEY_FILE, listPath]);
    expect(inside.status).toBe(1);
    expect(inside.stderr).toMatch(/the private key must live outside the repository/);
    const none = run('watchlist-sign.ts', [listPath]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no private key: set VENDORWATCH_SIGNING_KEY or pass --key <file>');
    expect(existsSync(`${listPath}.sig`)).toBe(false);
  });
});

describe('watchlist:publish', () => {
  it('refuses clearly without the release private key, and writes nothing', () => {
    const out = join(dir, 'pages-refused');
    const refused = run('watchlist-publish.ts', ['--out', out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^watchlist:publish: no private key: .*release private key.*nothing was written/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a key that is not a release key', () => {
    const out = join(dir, 'pages-org');
    const refused = run('watchlist-publish.ts', ['--out', out, '--key', keyFile()]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('this private key is not a release key trusted in lib/update/keys.ts');
    expect(refused.output).not.toContain(secret);
    expect(existsSync(out)).toBe(false);
  });

  it('writes the bundled list and a signature that verifies, ready for the publication address', async () => {
    const out = join(dir, 'pages');
    const testSecret = readFileSync(TEST_KEY_FILE, 'utf8').trim();
    // Release keys only, unless the test key is explicitly allowed.
    const refused = run('watchlist-publish.ts', ['--out', out], { VENDORWATCH_SIGNING_KEY: testSecret });
    expect(refused.status).toBe(1);
    expect(existsSync(out)).toBe(false);

    const published = run('watchlist-publish.ts', ['--out', out, '--allow-test-key'], {
      VENDORWATCH_SIGNING_KEY: testSecret,
    });
    expect(published.status, published.output).toBe(0);
    expect(published.stdout).toContain(`at ${PUBLICATION_URL} and its signature at ${PUBLICATION_URL}.sig`);
    expect(published.output).not.toContain(testSecret);
    const body = readFileSync(join(out, 'watchlist.json'));
    expect(body.equals(readFileSync(join(ROOT, 'public/watchlist.json')))).toBe(true);
    const signature = readFileSync(join(out, 'watchlist.json.sig'), 'utf8');
    const now = new Date(JSON.parse(body.toString('utf8')).meta.generatedAt);
    const verify = (keys: (typeof TEST_KEY)[]) =>
      verifyListUpdate({ body: new Uint8Array(body), signature, keys, current: null, now });
    expect((await verify([TEST_KEY])).ok).toBe(true);
    expect(await verify([...RELEASE_KEYS])).toMatchObject({ ok: false });
    expect(existsSync(join(out, '.nojekyll'))).toBe(true);
  });
});
