import { readFileSync, writeFileSync } from 'node:fs';
import type { AdapterOptions } from '@diffsync/core';
import { Adapter } from '@diffsync/core';

/**
 * An adapter whose system is a JSON file of records: `load()` reads them, the models'
 * hooks change the records in memory, and `syncComplete` writes the file once, after the
 * sync (the bulk-write pattern of diffsync's example).
 */
export abstract class IpamFile<R> extends Adapter {
  readonly records: R[];

  constructor(
    readonly file: string,
    options: AdapterOptions = {},
  ) {
    super(options);
    this.records = JSON.parse(readFileSync(file, 'utf8')) as R[];
  }

  override syncComplete(): void {
    writeFileSync(this.file, `${JSON.stringify(this.records, null, 2)}\n`);
  }
}
