// docs/diff-and-sync.md, "Moves": a country changes continent; its old copy is deleted first.
import { Adapter, Attribute, Children, DiffSyncModel, Field, Identifier, Model, ValueMap } from '@diffsync/core';

export const calls: string[] = [];

@Model('continent')
export class Continent extends DiffSyncModel {
  @Identifier() name!: string;
  @Children('country') countries!: string[];
}

@Model('country')
export class Country extends DiffSyncModel {
  @Identifier() code!: string; // the unique id: "tr" under any continent
  @Attribute() population!: number;
  @Field() continent?: string; // the parent key is not an identifier

  static override create(adapter: Adapter, ids: ValueMap, attrs: ValueMap) {
    calls.push(`create ${String(ids.code)}`);
    return this.createBase(adapter, ids, attrs);
  }

  override delete() {
    calls.push(`delete ${this.code}`);
    return this.deleteBase();
  }
}

type Atlas = Record<string, Record<string, number>>; // continent -> country -> population

class AtlasAdapter extends Adapter {
  static override models = [Continent, Country];
  static override topLevel = ['continent'];

  constructor(
    private readonly atlas: Atlas,
    name: string,
  ) {
    super({ name });
  }

  override async load(): Promise<void> {
    for (const [name, countries] of Object.entries(this.atlas)) {
      const continent = new Continent({ name });
      await this.add(continent);
      for (const [code, population] of Object.entries(countries)) {
        const country = new Country({ code, population, continent: name });
        await this.add(country);
        continent.addChild(country);
      }
    }
  }
}

export async function main(print: (text: string) => void = console.log) {
  calls.length = 0;
  const source = new AtlasAdapter({ asia: { cn: 1412, tr: 85 }, europe: { fr: 68 } }, 'new');
  const target = new AtlasAdapter({ asia: { cn: 1412 }, europe: { fr: 68, tr: 85 } }, 'old');
  await source.load();
  await target.load();

  // diffsync's diff: tr is created under asia (listed first) and deleted under europe.
  const diff = await target.diffFrom(source);
  print(diff.str());
  await target.syncFrom(source, { diff });
  print(calls.join('\n')); // delete tr, then create tr

  const asia = await target.get(Continent, { name: 'asia' });
  const europe = await target.get(Continent, { name: 'europe' });
  return {
    text: diff.str(),
    summary: diff.summary(),
    calls: [...calls],
    asia: [...asia.countries],
    europe: [...europe.countries],
    after: (await target.diffFrom(source)).hasDiffs(),
  };
}

if (require.main === module) void main();
