import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// @diffsync/core loads class-validator, class-transformer and winston only when they are
// used (the command line's start-up cost): checked in a fresh process, step by step.
const REPO = join(__dirname, '..', '..', '..');

interface Step {
  step: string;
  loaded: string[];
  [key: string]: unknown;
}

it('loads class-validator, class-transformer and winston only on first use', () => {
  const r = spawnSync(process.execPath, [join(REPO, 'test-support', 'ts-run.js'), join(__dirname, 'fixtures', 'lazy-modules-probe.ts')], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const steps = r.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Step);
  expect(steps.map((s) => [s.step, s.loaded])).toEqual([
    ['import', []],
    ['diff of plain data', []],
    ['validate: true', ['class-validator']],
    ['codec of a class instance', ['class-validator', 'class-transformer']],
    ['enableConsoleLogging', ['class-validator', 'class-transformer', 'winston']],
  ]);
  expect(steps[1]).toMatchObject({ summary: { create: 1, update: 0, delete: 0, 'no-change': 0, skip: 0 } });
  // the deferred @Exclude() on DiffSyncModel.adapter is registered once class-transformer loads
  expect(steps[3]).toMatchObject({ decodedIsPoint: true, adapterExcluded: true });
});
