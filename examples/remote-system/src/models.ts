import { Attribute, Children, DiffSyncModel, Identifier, Model } from '@diffsync/core';

/** A geographic region; its countries are its children. */
@Model('region')
export class Region extends DiffSyncModel {
  @Identifier() slug!: string;
  @Attribute() name!: string;
  @Children('country') countries!: string[];
}

/** A country: part of a region (`region` is the region's slug), with its population. */
@Model('country')
export class Country extends DiffSyncModel {
  @Identifier() slug!: string;
  @Attribute() name!: string;
  @Attribute() region!: string;
  @Attribute({ default: 0 }) population!: number | null;
}

/** "Vatican City" → "vatican-city" (enough of python-slugify for these names). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
