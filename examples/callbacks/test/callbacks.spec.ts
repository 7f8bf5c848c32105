import { main } from '../src/main';

/**
 * What Python diffsync reports for the same two lists of numbers (diffsync example 02):
 * the 'diff' stage walks the source's numbers in order, then the destination-only ones,
 * adding 2 for a number on both sides and 1 for a number on one side, out of
 * len(ds1) + len(ds2); the 'sync' stage counts each distinct number once, 1 to the size
 * of the union; the diff creates ds1's extra numbers and deletes ds2's.
 */
function expectedCalls(sequential: number[], spread: number[]) {
  const inSpread = new Set(spread);
  const inSequential = new Set(sequential);
  const total = sequential.length + spread.length;
  const calls: Array<[string, number, number]> = [];
  let current = 0;
  for (const n of sequential) calls.push(['diff', (current += inSpread.has(n) ? 2 : 1), total]);
  for (const n of spread) if (!inSequential.has(n)) calls.push(['diff', (current += 1), total]);
  const distinct = new Set([...sequential, ...spread]).size;
  for (let i = 1; i <= distinct; i++) calls.push(['sync', i, distinct]);
  const both = sequential.filter((n) => inSpread.has(n)).length;
  return {
    calls,
    summary: { create: sequential.length - both, update: 0, delete: spread.length - both, 'no-change': both, skip: 0 },
  };
}

describe('callbacks example (diffsync 02)', () => {
  it.each([1, 2, 3, 20260101])('reports the progress Python diffsync reports (seed %i)', async (seed) => {
    const lines: string[] = [];
    const result = await main({ count: 100, seed, print: (l) => lines.push(l) });
    expect(result.sequential).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(result.spread).toHaveLength(100);
    const expected = expectedCalls(result.sequential, result.spread);
    expect(result.calls).toEqual(expected.calls);
    expect(result.diff.summary()).toEqual(expected.summary);
    // The README's figures: 200 records to diff, fewer distinct ones to sync.
    expect(lines[lines.length - 1]).toBe(`sync: Processed ${new Set([...result.sequential, ...result.spread]).size}/${result.diff.length} records.`);
    expect(lines).toContain('diff: Processed 200/200 records.');
  });

  it('leaves the second adapter holding exactly 1 to count, and repeats a spread by its seed', async () => {
    const result = await main({ count: 30, seed: 7, print: () => undefined });
    expect(result.spread).not.toEqual(result.sequential);
    expect(result.synced).toEqual(result.sequential);
    const again = await main({ count: 30, seed: 7, print: () => undefined });
    expect(again.spread).toEqual(result.spread);
  });
});
