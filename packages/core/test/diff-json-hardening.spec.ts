import fc from 'fast-check';
import { Diff, DiffElement, InvalidArgumentError } from '../src';
import type { DiffElementJSON, DiffJSON } from '../src';
import { MAX_DIFF_DEPTH } from '../src/diff/diff-json';

/*
 * Diff.fromJSON refuses malformed input with an InvalidArgumentError naming the bad path,
 * at any nesting depth JSON.parse accepts, and rebuilds an equal diff from toJSON output.
 */

const el = (type: string, name: string, extra: Partial<DiffElementJSON> = {}): DiffElementJSON => ({
  type,
  name,
  keys: { name },
  sourceName: 'src',
  destName: 'dst',
  ...extra,
});

/** site ams → device rtr1 (its fields replaced by `device`), as a diff JSON object. */
function nested(device: Record<string, unknown>, top: Record<string, unknown> = {}): DiffJSON {
  return {
    format: 'diffsync-ts/diff',
    version: 1,
    modelsProcessed: 4,
    elements: [el('site', 'ams', { source: {}, dest: {}, children: [{ ...el('device', 'rtr1', { source: { role: 'x' } }), ...device }] })],
    ...top,
  };
}

function refusal(input: unknown): InvalidArgumentError {
  try {
    Diff.fromJSON(input as DiffJSON);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('Diff.fromJSON accepted the input');
}

const DEVICE = 'children.site["ams"].children.device["rtr1"]';

describe('Diff.fromJSON refuses malformed input, naming the path', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['children that are not an array', { children: 'xyz' }, `${DEVICE}.children must be an array of elements, not the string "xyz"`],
    ['null keys', { keys: null }, `${DEVICE}.keys must be an object of identifier values, not null`],
    ['array keys', { keys: ['a'] }, `${DEVICE}.keys must be an object of identifier values, not an array`],
    ['missing keys', { keys: undefined }, `${DEVICE}.keys must be an object of identifier values, not nothing`],
    ['a source that is an array', { source: [1] }, `${DEVICE}.source must be an object of attribute values when present, not an array`],
    ['a null dest', { dest: null }, `${DEVICE}.dest must be an object of attribute values when present, not null`],
    ['a string source', { source: 'x' }, `${DEVICE}.source must be an object of attribute values when present, not the string "x"`],
    ['a numeric sourceName', { sourceName: 3 }, `${DEVICE}.sourceName must be a string, not number 3`],
    ['a missing destName', { destName: undefined }, `${DEVICE}.destName must be a string, not nothing`],
    ['an unknown action', { action: 'explode' }, `${DEVICE}.action must be 'create', 'update', 'delete' or null, not the string "explode"`],
    ['an action the sides contradict', { action: 'delete' }, `${DEVICE}.action is the string "delete" but the element's sides make it the string "create"`],
    ['an unknown field', { sorce: {} }, `${DEVICE}.sorce is not a field of an element`],
    ['a child that is not an object', { children: [42] }, `${DEVICE}.children[0] must be an element object, not number 42`],
    ['a child without a type', { children: [{ name: 'eth0' }] }, `${DEVICE}.children[0].type must be a string, not nothing`],
    ['a child with a numeric name', { children: [{ type: 'port', name: 7 }] }, `${DEVICE}.children[0].name must be a string, not number 7`],
    [
      'duplicate names',
      { children: [el('port', 'eth0', { source: {} }), el('port', 'eth1', { source: {} }), el('port', 'eth0', { dest: {} })] },
      `${DEVICE}.children.port["eth0"] appears twice (a diff holds one element per type and name)`,
    ],
  ])('%s', (_label, device, message) => {
    const error = refusal(nested(device));
    expect(error.message).toContain(`Diff.fromJSON: ${message}`);
  });

  it.each<[unknown, string]>([
    [-999999, 'modelsProcessed must be a count (a non-negative integer), not number -999999'],
    [1.5, 'modelsProcessed must be a count (a non-negative integer), not number 1.5'],
    ['4', 'modelsProcessed must be a count (a non-negative integer), not the string "4"'],
    [undefined, 'modelsProcessed must be a count (a non-negative integer), not nothing'],
    [Number.NaN, 'modelsProcessed must be a count (a non-negative integer), not number NaN'],
    [2 ** 60, 'modelsProcessed must be a count'],
  ])('modelsProcessed %p', (value, message) => {
    expect(refusal(nested({}, { modelsProcessed: value })).message).toContain(message);
  });

  it('refuses unknown top-level keys and elements that are not objects', () => {
    expect(refusal(nested({}, { extra: 1 })).message).toContain('key "extra" is not part of a diff');
    expect(refusal({ format: 'diffsync-ts/diff', version: 1, modelsProcessed: 0, elements: [null] }).message).toContain(
      'elements[0] must be an element object, not null',
    );
    expect(refusal({ format: 'diffsync-ts/diff', version: 1, modelsProcessed: 0, elements: [el('a', 'x'), el('a', 'x')] }).message).toContain(
      'children.a["x"] appears twice',
    );
    expect(refusal('[]').message).toContain("an object with format 'diffsync-ts/diff'");
    expect(refusal({ format: 'diffsync-ts/diff', version: 1, modelsProcessed: 0, elements: {} }).message).toContain('an elements array');
  });

  it('names a group that is not an identifier with brackets', () => {
    const json = nested({}, { elements: [el('my site', 'a"b', { keys: 5 as never })] });
    expect(refusal(json).message).toContain('children["my site"]["a\\"b"].keys must be an object');
  });

  it('accepts a matching action and an element with neither side', () => {
    const back = Diff.fromJSON(nested({ action: 'create', children: [el('port', 'eth0')] }));
    const device = back.children.get('site')!.get('ams')!.childDiff.children.get('device')!.get('rtr1')!;
    expect(device.action).toBe('create');
    expect([...device.getChildren()][0].action).toBeNull();
  });
});

/** A chain of `depth` nested elements as JSON text, built without recursion. */
function chainText(depth: number, innermost = ''): string {
  const open = '{"type":"node","name":"n","keys":{},"sourceName":"s","destName":"d","source":{"a":1},"children":[';
  return (
    '{"format":"diffsync-ts/diff","version":1,"modelsProcessed":0,"elements":[' +
    open.repeat(depth - 1) +
    `{"type":"node","name":"n","keys":{},"sourceName":"s","destName":"d","source":{"a":1}${innermost}}` +
    ']}'.repeat(depth - 1) +
    ']}'
  );
}

describe('Diff.fromJSON at any depth JSON.parse accepts', () => {
  it('refuses 100,000 levels with InvalidArgumentError naming where the limit is passed (no stack overflow)', () => {
    const text = chainText(100_000);
    expect((JSON.parse(text) as { elements: unknown[] }).elements).toHaveLength(1); // JSON.parse itself reads it
    const error = refusal(text);
    expect(error.message).toContain(`is nested deeper than ${MAX_DIFF_DEPTH} levels`);
    expect(error.message).toContain(`…${MAX_DIFF_DEPTH + 1 - 12} more levels…`);
    expect(error.message.startsWith('Diff.fromJSON: children.node["n"].children.node["n"]')).toBe(true);
  });

  it('refuses a malformed element beyond the limit the same way, and one within it by its path', () => {
    expect(refusal(chainText(50_000, ',"keys":null')).message).toContain('is nested deeper than');
    const shallow = refusal(chainText(40, ',"dest":[]')).message;
    expect(shallow).toContain('…28 more levels…');
    expect(shallow).toContain('.dest must be an object of attribute values when present, not an array');
  });

  it(`reads ${MAX_DIFF_DEPTH} levels, and every walk of that diff works`, () => {
    const diff = Diff.fromJSON(chainText(MAX_DIFF_DEPTH));
    expect(diff.length).toBe(MAX_DIFF_DEPTH);
    expect(diff.hasDiffs()).toBe(true);
    expect(diff.summary()).toEqual({ create: MAX_DIFF_DEPTH, update: 0, delete: 0, 'no-change': 0, skip: -MAX_DIFF_DEPTH });
    const lines = diff.str().split('\n');
    expect(lines).toHaveLength(2 * MAX_DIFF_DEPTH);
    expect(lines[lines.length - 1]).toBe(`${' '.repeat(4 * MAX_DIFF_DEPTH - 2)}node: n MISSING in d`);
    let dict = diff.toDict() as Record<string, unknown>;
    for (let i = 0; i < MAX_DIFF_DEPTH; i++) {
      const node = (dict.node as Record<string, Record<string, unknown>>).n;
      expect(node['+']).toEqual({ a: 1 });
      dict = node;
    }
    const again = Diff.fromJSON(JSON.stringify(diff));
    expect(again.toJSON()).toEqual(diff.toJSON());
  });
});

/* ------------------------------------------------------------------ round trip property */

const attrsArb = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });

interface Tree {
  type: string;
  name: string;
  keys: Record<string, string>;
  source: Record<string, unknown> | undefined;
  dest: Record<string, unknown> | undefined;
  children: Tree[];
}

/** Forests up to `levels` deep, names unique per type among siblings. */
function forestArb(levels: number): fc.Arbitrary<Tree[]> {
  if (levels === 0) return fc.constant([]);
  const tree: fc.Arbitrary<Tree> = fc.record({
    type: fc.constantFrom('site', 'device', 'port', 'a b'),
    name: fc.string({ maxLength: 4 }),
    keys: fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
    source: fc.option(attrsArb, { nil: undefined }),
    dest: fc.option(attrsArb, { nil: undefined }),
    children: forestArb(levels - 1),
  });
  return fc.uniqueArray(tree, { maxLength: 3, selector: (t) => `${t.type}\u0000${t.name}` });
}
const treeArb = forestArb(4);

function build(forest: Tree[], names: [string, string]): Diff {
  const diff = new Diff();
  const stack: Array<[Tree[], Diff]> = [[forest, diff]];
  while (stack.length > 0) {
    const [trees, into] = stack.pop()!;
    for (const t of trees) {
      const element = new DiffElement(t.type, t.name, t.keys, names[0], names[1]);
      element.addAttrs({ source: t.source, dest: t.dest });
      into.add(element);
      if (t.children.length > 0) stack.push([t.children, element.childDiff]);
    }
  }
  return diff;
}

describe('Diff.fromJSON(JSON.parse(JSON.stringify(d))) rebuilds an equal diff (property)', () => {
  it('for random diffs', () => {
    fc.assert(
      fc.property(treeArb, fc.nat({ max: 200 }), fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })), (forest, processed, names) => {
        const diff = build(forest, names);
        diff.modelsProcessed = processed;
        const json = diff.toJSON();
        const back = Diff.fromJSON(JSON.parse(JSON.stringify(diff)) as DiffJSON);
        expect(back.toJSON()).toEqual(JSON.parse(JSON.stringify(json)));
        expect(back.str()).toBe(diff.str());
        expect(back.summary()).toEqual(diff.summary());
        expect(back.length).toBe(diff.length);
        expect(back.hasDiffs()).toBe(diff.hasDiffs());
        expect(back.toDict()).toEqual(JSON.parse(JSON.stringify(diff.toDict())));
        expect(Diff.fromJSON(JSON.stringify(diff)).toJSON()).toEqual(back.toJSON());
      }),
      { numRuns: 300 },
    );
  });
});
