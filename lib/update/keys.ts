/**
 * Public keys the extension trusts for watchlist updates. Several may be trusted at once so a key can be rotated:
 * publish lists signed with the new key, ship a release that trusts both, then retire the old one.
 * Private keys never live in this repository (see README, "Publishing a watchlist update").
 */
export interface TrustedKey {
  keyId: string;
  /** Ed25519 public key, base64 (32 bytes). */
  publicKey: string;
  label: string;
}

export const RELEASE_KEYS: readonly TrustedKey[] = [
  {
    keyId: 'vw-release-2026-11',
    publicKey: 'lVymfR8nK4bJE0VaUnBf2ODOZ9doQFo57OPc/vHvrAA=',
    label: 'VendorWatch release key, November 2026',
  },
];

/**
 * TEST ONLY. The matching private key is committed in tests/keys/ so the end-to-end tests can sign lists.
 * Only test builds (`wxt build --mode e2e`) trust it; production builds never do.
 */
export const TEST_KEY: TrustedKey = {
  keyId: 'vw-test-do-not-trust',
  publicKey: 'Ahsk80RGQwvqzWFWcaYmZefgvJoBV6RrUtsNUhSUcxo=',
  label: 'Test key (tests/keys): never trusted by release builds',
};

export function trustedKeys(options: { includeTestKey: boolean }): TrustedKey[] {
  return options.includeTestKey ? [...RELEASE_KEYS, TEST_KEY] : [...RELEASE_KEYS];
}
