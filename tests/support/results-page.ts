/**
 * The generated results page of bench:page (bench/page.bench.ts): product titles, one card in 20 restricted. Shared
 * with the unit test that counts the background's storage writes for that page, so both describe the same page.
 */
export const TITLES = [
  'Axis M2025-LE Bullet Network Camera 1080p PoE',
  'Reolink 4K PoE Security Camera with Person Detection',
  'Hanwha Vision QND-6012R 2MP IR Dome Camera',
  'Bosch FLEXIDOME IP 3000i 2MP Dome',
  'Ubiquiti UniFi G4 Bullet Camera',
];
export const FLAGGED = ['Hikvision DS-2CD2143G2-I 4MP Dome', 'HiLook IPC-B140H 4MP bullet', 'Dahua IPC-HFW2431S-S-S2'];
/** One card in this many is restricted: 250 of 5,000. */
export const FLAG_EVERY = 20;

/** The title of card `i`. */
export const cardTitle = (i: number): string =>
  i % FLAG_EVERY === 0 ? FLAGGED[(i / FLAG_EVERY) % FLAGGED.length]! : TITLES[i % TITLES.length]!;
