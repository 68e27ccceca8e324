import { describe, expect, it } from 'vitest';
import { decodeMigrationUri } from '../../../src/formats/google-migration/codec';
import { MigrationSession } from '../../../src/formats/google-migration/session';
import { fixtureUris } from './migration-helpers';

const batches = (file: string) => fixtureUris(file).map((uri) => decodeMigrationUri(uri));
const [m0, m1, m2] = batches('multi-batch.txt');
const MULTI_ISSUERS = ['GitHub', 'Example', '', 'Amazon', 'Dropbox', 'GitLab', 'Slack'];

describe('MigrationSession', () => {
  it('starts empty', () => {
    const session = new MigrationSession();
    expect([session.batchId, session.total, session.isComplete()]).toEqual([null, 0, false]);
    expect([session.scannedIndexes(), session.missingIndexes(), session.accounts(), session.problems()]).toEqual([[], [], [], []]);
  });

  it.each([
    ['in order', [m0, m1, m2]],
    ['backwards', [m2, m1, m0]],
    ['middle first', [m1, m2, m0]],
  ])('collects the three codes of one export scanned %s, accounts in batch order', (_label, order) => {
    const session = new MigrationSession();
    const seen: number[][] = [];
    for (const batch of order) {
      expect(session.add(batch!)).toEqual({ kind: 'added' });
      seen.push(session.missingIndexes());
    }
    expect(seen.at(-1)).toEqual([]);
    expect(session.isComplete()).toBe(true);
    expect([session.batchId, session.total, session.scannedIndexes()]).toEqual([-1155869325, 3, [0, 1, 2]]);
    expect(session.accounts().map((a) => a.issuer)).toEqual(MULTI_ISSUERS);
  });

  it('reports a code scanned twice and keeps one copy', () => {
    const session = new MigrationSession();
    session.add(m1!);
    expect(session.add(m1!)).toEqual({ kind: 'already-scanned' });
    expect(session.add(decodeMigrationUri(fixtureUris('multi-batch.txt')[1]!))).toEqual({ kind: 'already-scanned' });
    expect(session.scannedIndexes()).toEqual([1]);
    expect(session.accounts().map((a) => a.issuer)).toEqual(['Amazon', 'Dropbox', 'GitLab']);
  });

  it('names the codes still missing', () => {
    const session = new MigrationSession();
    for (const batch of batches('missing-batch.txt')) session.add(batch);
    expect([session.total, session.scannedIndexes(), session.missingIndexes(), session.isComplete()]).toEqual([3, [0, 2], [1], false]);
    expect(session.accounts().map((a) => a.issuer)).toEqual(['Proton', 'Bitwarden', 'Discord']);
  });

  it('leaves everything unchanged for a code of another export, until restart', () => {
    const session = new MigrationSession();
    session.add(m0!);
    const [other] = batches('missing-batch.txt');
    const before = [session.batchId, session.total, session.scannedIndexes(), session.accounts()];
    expect(session.add(other!)).toEqual({ kind: 'different-export' });
    expect([session.batchId, session.total, session.scannedIndexes(), session.accounts()]).toEqual(before);

    session.restart(other!);
    expect([session.batchId, session.total, session.scannedIndexes()]).toEqual([20240601, 3, [0]]);
    expect(session.accounts().map((a) => a.issuer)).toEqual(['Proton', 'Bitwarden']);
  });

  it('treats the same batch id with another size as another export', () => {
    const session = new MigrationSession();
    session.add(m0!);
    expect(session.add({ ...m1!, batchSize: 4 })).toEqual({ kind: 'different-export' });
  });

  it('is complete at once for a single-code export', () => {
    const session = new MigrationSession();
    expect(session.add(batches('japanese.txt')[0]!)).toEqual({ kind: 'added' });
    expect([session.total, session.missingIndexes(), session.isComplete()]).toEqual([1, [], true]);
    expect(session.accounts().map((a) => a.name)).toEqual(['山田 太郎', '']);
  });

  it('lists problems with their batch index', () => {
    const session = new MigrationSession();
    session.add(batches('md5-entry.txt')[0]!);
    expect(session.problems()).toEqual([{ index: 1, code: 'unsupported-algorithm', excerpt: 'OldBank (md5@example.com)', batchIndex: 0 }]);
    expect(session.accounts().map((a) => a.issuer)).toEqual(['Legacy']);
  });
});
