import { Adapter, AdapterOptions, DiffSyncModel, Identifier, Model } from '@diffsync/core';

/** A model that is only a number (diffsync's `Number`; a class may not shadow the global `Number`). */
@Model('number')
export class NumberModel extends DiffSyncModel {
  @Identifier() number!: number;
}

export interface NumbersOptions extends AdapterOptions {
  /** How many numbers `load()` adds (Python passes it to `load(count)`). */
  count: number;
}

/** The numbers 1 to `count`. */
export class SequentialNumbers extends Adapter {
  static override models = [NumberModel];
  static override topLevel = ['number'];
  /** Not `count`: that is the adapter's method counting stored objects. */
  private readonly size: number;

  constructor(options: NumbersOptions) {
    super(options);
    this.size = options.count;
  }

  override async load(): Promise<void> {
    for (let n = 1; n <= this.size; n++) await this.add(new NumberModel({ number: n }));
  }
}

/** `count` numbers, each 1 or 2 above the previous one: a random spread over 1 to 2 × `count`. */
export class SpreadNumbers extends Adapter {
  static override models = [NumberModel];
  static override topLevel = ['number'];
  private readonly size: number;
  private readonly random: () => number;

  /** `seed` makes the spread repeatable (Python's example draws a new one every run). */
  constructor(options: NumbersOptions & { seed: number }) {
    super(options);
    this.size = options.count;
    this.random = mulberry32(options.seed);
  }

  override async load(): Promise<void> {
    let previous = 0;
    for (let i = 0; i < this.size; i++) {
      previous += this.random() < 0.5 ? 1 : 2;
      await this.add(new NumberModel({ number: previous }));
    }
  }
}

/** A small seeded generator of numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
