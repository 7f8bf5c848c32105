import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp folder per test file, removed by `cleanup()`; `file(name)` gives a path inside it. */
export function tempFolder(prefix: string): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `diffsync-sqlite-${prefix}-`));
  let n = 0;
  return {
    dir,
    file: (name: string) => join(dir, `${n++}-${name}`),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
