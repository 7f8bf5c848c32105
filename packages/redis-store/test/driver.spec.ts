// Which node-redis major this run tests. The redis-store tests run once per major of the
// peer range: on the workspace's `redis` (devDependency) and, with
// DIFFSYNC_REDIS_DRIVER=<name>, on test-support/drivers/<name> (its own install); see
// jest.config.js and .ci/run. This file makes the matrix visible and unable to test one
// major twice.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, string>>;
const majorOf = (range: string) => Number(/(\d+)/.exec(range)?.[1]);

const pkg = readJson(join(__dirname, '..', 'package.json'));
const driversDir = join(root, 'test-support', 'drivers');
const drivers = readdirSync(driversDir).map((name) => ({ name, major: majorOf(readJson(join(driversDir, name, 'package.json'))['dependencies']['redis']) }));
const driver = process.env.DIFFSYNC_REDIS_DRIVER;
const expectedMajor = driver ? drivers.find((d) => d.name === driver)?.major : majorOf(pkg['devDependencies']['redis']);

describe(`node-redis driver under test: ${driver ? `test-support/drivers/${driver}` : 'the workspace devDependency'} (major ${expectedMajor})`, () => {
  it(`loads node-redis ${expectedMajor}`, () => {
    const loaded = (require('redis/package.json') as { version: string }).version;

    const client = (require('@redis/client/package.json') as { version: string }).version;
    process.stdout.write(`redis-store tests on node-redis ${loaded} (@redis/client ${client})\n`);
    expect(majorOf(loaded)).toBe(expectedMajor);
    expect(majorOf(client)).toBe(expectedMajor);
  });

  it('tests every major of the peer range: the devDependency and one driver install per other major', () => {
    const peer = pkg['peerDependencies']['redis'].split('||').map((r) => majorOf(r.trim()));
    const tested = [majorOf(pkg['devDependencies']['redis']), ...drivers.map((d) => d.major)];
    expect([...tested].sort()).toEqual([...peer].sort());
  });
});
