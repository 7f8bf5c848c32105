#!/usr/bin/env node
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diff } from '@diffsync/core';
import { IpamA } from './ipam-a';
import type { IpamBRecord } from './ipam-b';
import { IpamB } from './ipam-b';

export * from './models';
export * from './ipam-a';
export * from './ipam-b';

/** The bundled data files. */
export const DATA_DIR = join(__dirname, '..', 'data');

export interface RunResult {
  diff: Diff;
  /** IPAM B's file after the sync. */
  written: IpamBRecord[];
  /** The diff from A to IPAM B read back from its file. */
  after: Diff;
}

/**
 * Diff IPAM A to IPAM B, sync B from A and read B's file back. Works on copies of the
 * data files in `dir` (a new temp folder by default), so the bundled files stay as they are.
 */
export async function main(options: { dir?: string; print?: (text: string) => void } = {}): Promise<RunResult> {
  const { print = console.log } = options;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'diffsync-ip-prefixes-'));
  for (const file of ['ipam-a.json', 'ipam-b.json']) copyFileSync(join(DATA_DIR, file), join(dir, file));

  const ipamA = new IpamA(join(dir, 'ipam-a.json'));
  const ipamB = new IpamB(join(dir, 'ipam-b.json'));
  await ipamA.load();
  await ipamB.load();
  const diff = await ipamA.diffTo(ipamB);
  print(diff.str());
  print(JSON.stringify(diff.summary()));
  print(JSON.stringify(diff.toDict(), null, 2));

  await ipamA.syncTo(ipamB, { diff }); // IpamB.syncComplete writes its file
  const reread = new IpamB(join(dir, 'ipam-b.json'));
  await reread.load();
  const after = await ipamA.diffTo(reread);
  print(`${reread.file}:\n${JSON.stringify(reread.records, null, 2)}`);
  print(after.str());
  return { diff, written: reread.records, after };
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
