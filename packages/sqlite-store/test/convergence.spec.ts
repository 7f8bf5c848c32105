import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeStoreConvergence } from '@diffsync/core/testing';
import { SqliteStore } from '@diffsync/sqlite-store';
import { tempFolder } from './temp-files';

const temp = tempFolder('convergence');
afterAll(() => temp.cleanup());

// --- docs/custom-store.md: convergence begin ---
// One file per storeId: called again with a storeId, the factory opens a fresh store on
// the data the first one persisted. JSON cannot carry NaN, ±Infinity or bigint: the
// store must refuse them with a named error and keep its data as it was.
describeStoreConvergence('SqliteStore', (storeId) => new SqliteStore({ filename: join(temp.dir, `${storeId}.sqlite`), storeId }), {
  refuses: ['NaN', 'Infinity', '-Infinity', 'bigint'],
  numRuns: 100,
});
// --- docs/custom-store.md: convergence end ---

describe('docs/custom-store.md', () => {
  it('shows this file’s convergence suite call verbatim', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'custom-store.md'), 'utf8');
    const source = readFileSync(__filename, 'utf8');
    const begin = '// --- docs/custom-store.md: convergence begin ---';
    const shown = source.slice(source.indexOf(begin) + begin.length + 1, source.indexOf('// --- docs/custom-store.md: convergence end ---'));
    expect(shown).toContain('describeStoreConvergence(');
    expect(doc).toContain(shown);
  });
});
