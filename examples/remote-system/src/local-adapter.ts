import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterOptions } from '@diffsync/core';
import { Adapter } from '@diffsync/core';
import { Country, Region, slugify } from './models';

/** One row of `countries.json`; the population is in thousands. */
export interface CountryRow {
  country: string;
  pop2021: string;
  region: string;
  subregion: string;
}

export const COUNTRIES_FILE = join(__dirname, '..', 'data', 'countries.json');

/** The regions and countries of a local JSON file. */
export class LocalAdapter extends Adapter {
  static override models = [Region, Country];
  // Countries are children of regions: diff and sync reach them from the regions.
  static override topLevel = ['region'];
  static override type = 'Local';

  constructor(
    private readonly file: string = COUNTRIES_FILE,
    options: AdapterOptions = {},
  ) {
    super(options);
  }

  override async load(): Promise<void> {
    const rows = JSON.parse(readFileSync(this.file, 'utf8')) as CountryRow[];
    for (const name of new Set(rows.map((row) => row.region))) {
      await this.add(new Region({ slug: slugify(name), name }));
    }
    for (const row of rows) {
      const region = await this.get(Region, slugify(row.region));
      // Math.trunc of the double, as Python's int(float(x) * 1000): the same number for the same text.
      const population = Math.trunc(parseFloat(row.pop2021) * 1000);
      const country = new Country({ slug: slugify(row.country), name: row.country, region: region.slug, population });
      await this.add(country);
      region.addChild(country);
    }
  }
}
