/**
 * `npm run watchlist:check` run as a maintainer runs it (tsx), on real published extracts committed under
 * tests/fixtures/official (origin in its README): the FCC Covered List table, the DoD 1260H list transcription and a
 * Consolidated Screening List sample. Also the readers and the comparison on edited copies, to show each kind of drift.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWatchlist } from '../../../lib/watchlist/index';
import { datesIn, readOfficialList } from '../../../scripts/lib/official-lists';
import { compareWithOfficialList } from '../../../scripts/lib/watchlist-drift';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const OFFICIAL = join(ROOT, 'tests/fixtures/official');
const FCC = join(OFFICIAL, 'fcc-covered-list-2026-08-20.csv');
const DOD = join(OFFICIAL, 'dod-1260h-2026-06-08-excerpt.csv');
const CSL = join(OFFICIAL, 'csl-2019-12-03.csv');
const list = loadWatchlist(JSON.parse(readFileSync(join(ROOT, 'public/watchlist.json'), 'utf8')));
const read = (file: string) => readFileSync(file, 'utf8');

function check(...args: string[]) {
  const result = spawnSync(TSX, [join(ROOT, 'scripts/watchlist-check.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run watchlist:check on the committed extracts', () => {
  it('reports what the FCC lists that the watchlist lacks, and agrees on the rest', () => {
    const { status, stdout } = check(FCC);
    expect(status).toBe(1);
    expect(stdout).toMatch(/FCC Covered List \(.*fcc-covered-list-2026-08-20\.csv\): 16 entries/);
    expect(stdout).toMatch(/Digitalsystem Technology Inc\..*\(2026-07-07\): no vendor in the watchlist/);
    expect(stdout).toMatch(
      /category entry "Foreign-produced power inverters.*\(2026-07-28\): no category measure here/,
    );
    const agreeing = stdout.match(/in agreement: (.*)/)![1]!.split(', ');
    for (const id of ['huawei', 'zte', 'hytera', 'hikvision', 'dahua', 'kaspersky', 'dji', 'autel', 'pacific-networks'])
      expect(agreeing).toContain(id);
    expect(agreeing).toContain('us-fcc-covered-routers');
    expect(agreeing).toContain('us-fcc-covered-uas');
    expect(stdout).not.toMatch(/dates that differ/);
  });

  it('finds the watchlist in step with the June 2026 DoD 1260H edition for every listed vendor', () => {
    const { status, stdout } = check(DOD);
    expect(status).toBe(0);
    expect(stdout).toMatch(/in agreement: .*hikvision.*tp-link.*zpmc/);
    // The lidar and robot makers the June 2026 edition names, with Hesai listed since January 2024.
    expect(stdout).toMatch(/in agreement: .*hesai.*robosense.*unitree/);
    expect(stdout).toMatch(/no drift/);
  });

  it('reads the Entity List out of the Consolidated Screening List and reports real differences', () => {
    const { status, stdout } = check(CSL);
    expect(status).toBe(1);
    expect(stdout).toMatch(/Entity List \(Consolidated Screening List\) .*: 22 entries/);
    // The sample lists one Huawei affiliate, published 21 May 2019 (its apostrophe, "Gui’an", is a stray U+0092 in
    // the published file); the watchlist dates Huawei from 16 May 2019, the day the listing took effect.
    expect(stdout).toMatch(/huawei: there 2019-05-21 \("Gui.an New District Huawei Investment.*here 2019-05-16/);
    expect(stdout).toMatch(/hikvision \(here since 2019-10-09\): not found in/);
  });

  it('reads several files in one run, and lists out-of-scope entries with --all', () => {
    const { stdout } = check('--all', FCC, DOD);
    expect(stdout).toMatch(/FCC Covered List/);
    expect(stdout).toMatch(/DoD section 1260H list/);
    expect(stdout).toMatch(/- Zhongjie Communications Co\., Ltd\./);
  });

  it('says in one line why it cannot read a file, and exits 2', () => {
    const missing = check(join(OFFICIAL, 'nope.csv'));
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^watchlist:check: cannot read .*nope\.csv: no such file$/);
    const wrong = check(join(OFFICIAL, 'README.md'));
    expect(wrong.status).toBe(2);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(check().status).toBe(2);
  });
});

describe('drift on edited copies of the real extracts', () => {
  it('reports a vendor listed here whose DoD rows are gone there', () => {
    const withoutTpLink = read(DOD)
      .split('\n')
      .filter((line) => !line.includes('TP-Link'))
      .join('\n');
    const drift = compareWithOfficialList(list, readOfficialList('dod.csv', withoutTpLink));
    expect(drift.goneThere).toEqual([{ vendor: 'tp-link', here: ['2026-06-08'], removed: false }]);
  });

  it('reports a removal the source records with an end date', () => {
    const ended = read(DOD).replace(
      /("TP-Link Technologies Co\., Ltd\.",TP-Link,,,.*?,2026-06-08,)(,)/,
      '$12026-12-01$2',
    );
    const drift = compareWithOfficialList(list, readOfficialList('dod.csv', ended));
    expect(drift.goneThere).toEqual([{ vendor: 'tp-link', here: ['2026-06-08'], removed: true }]);
  });

  it('reports a different date, and an entry for a vendor the list has no listing for', () => {
    const fcc = read(FCC).replace(
      '"Routers ^ produced in a foreign country',
      '"Routers ^ produced in a foreign country',
    );
    const moved = fcc.replace('"March 23, 2026"', '"March 24, 2026"');
    const drift = compareWithOfficialList(list, readOfficialList('fcc.csv', moved));
    expect(drift.datesDiffer).toContainEqual(
      expect.objectContaining({ subject: 'us-fcc-covered-routers', here: ['2026-03-23'], there: '2026-03-24' }),
    );
    const quectel = `${read(FCC).trimEnd()}\n"Modules produced by Quectel Wireless Solutions Co., Ltd.","September 1, 2026"\n`;
    expect(compareWithOfficialList(list, readOfficialList('fcc.csv', quectel)).missingHere).toContainEqual(
      expect.objectContaining({ vendor: 'quectel' }),
    );
  });

  it('reads the FCC table from the saved page as well as from CSV', () => {
    const html = `<html><body><div id="covered-list"><table><tr><th>Covered Equipment or Services*</th><th>Date of Inclusion on Covered List</th></tr>
      <tr><td>Telecommunications equipment produced by Huawei Technologies Company, including telecommunications or video surveillance services provided by such entity or using such equipment.</td><td>March 12, 2021</td></tr>
      <tr><td>Routers ^ produced in a foreign country, except routers which have been granted a Conditional Approval by DoW or DHS.</td><td>March 23, 2026</td></tr></table></div></body></html>`;
    const official = readOfficialList('coveredlist.html', html);
    expect(official.kind).toBe('fcc-covered-list');
    expect(official.entries.map((e) => e.date)).toEqual(['2021-03-12', '2026-03-23']);
  });

  it('reads the dates the sources write', () => {
    expect(datesIn('December 22, 2025Updated:January 7, 2026Updated:March 18, 2026')).toEqual([
      '2025-12-22',
      '2026-01-07',
      '2026-03-18',
    ]);
    expect(datesIn('8 June 2026 and 2025-01-07')).toEqual(['2026-06-08', '2025-01-07']);
  });
});
