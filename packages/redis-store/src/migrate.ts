import { randomBytes } from 'node:crypto';
import { RedisStoreDecodeError } from './errors';
import type { RedisKeys } from './keys';
import { LegacyKeys, REDIS_STORE_FORMAT_VERSION } from './keys';
import { nullableStr, strList } from './replies';
import type { TimedClient } from './timed-client';

/**
 * Moves a storeId written in stored format 1 (`diffsync:<storeId>:…`) to format 2
 * (`diffsync:{<storeId>}:…`) in one atomic script: RENAME of every key, the meta hash
 * rewritten (`seq` kept). Refused (nothing moved) when a format-2 key already exists.
 *
 * KEYS: new meta, new models, old meta, old models, then per model old data, old order,
 * new data, new order. ARGV: version token, then the model names the caller read from
 * the old models set (the script re-reads them and asks for a retry when they changed).
 */
const MIGRATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return {'done'} end
local v = redis.call('HGET', KEYS[3], 'version')
if not v then return {'gone'} end
if v ~= '1' then return {'format', v} end
local names = redis.call('ZRANGE', KEYS[4], 0, -1)
if #names ~= #ARGV - 1 then return {'changed'} end
for i = 1, #names do if names[i] ~= ARGV[i + 1] then return {'changed'} end end
local function expect(key, want)
  local t = redis.call('TYPE', key)['ok']
  if t ~= 'none' and t ~= want then return {'type', key, t, want} end
end
local bad = expect(KEYS[3], 'hash') or expect(KEYS[4], 'zset')
if bad then return bad end
if redis.call('EXISTS', KEYS[2]) == 1 then return {'exists', KEYS[2]} end
for j = 0, #names - 1 do
  local b = 5 + 4 * j
  bad = expect(KEYS[b], 'hash') or expect(KEYS[b + 1], 'zset')
  if bad then return bad end
  if redis.call('EXISTS', KEYS[b + 2]) == 1 then return {'exists', KEYS[b + 2]} end
  if redis.call('EXISTS', KEYS[b + 3]) == 1 then return {'exists', KEYS[b + 3]} end
end
for j = 0, #names - 1 do
  local b = 5 + 4 * j
  if redis.call('EXISTS', KEYS[b]) == 1 then redis.call('RENAME', KEYS[b], KEYS[b + 2]) end
  if redis.call('EXISTS', KEYS[b + 1]) == 1 then redis.call('RENAME', KEYS[b + 1], KEYS[b + 3]) end
end
if redis.call('EXISTS', KEYS[4]) == 1 then redis.call('RENAME', KEYS[4], KEYS[2]) end
local seq = redis.call('HGET', KEYS[3], 'seq') or '0'
redis.call('DEL', KEYS[3])
redis.call('HSET', KEYS[1], 'format', '${REDIS_STORE_FORMAT_VERSION}', 'seq', seq, 'flushes', '0', 'version', '0-' .. ARGV[1])
return {'ok'}
`;

/** True when format-1 keys of the storeId exist (its old meta hash). */
export async function hasLegacyData(c: TimedClient, storeId: string): Promise<boolean> {
  return nullableStr(await c.sendCommand(['HGET', new LegacyKeys(storeId).meta, 'version']), 'HGET') !== null;
}

/** Migrates the storeId's format-1 keys, if any; true when this call moved them. */
export async function migrateLegacy(c: TimedClient, keys: RedisKeys, label: string): Promise<boolean> {
  const old = new LegacyKeys(keys.storeId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const names = strList(await c.sendCommand(['ZRANGE', old.models, '0', '-1']), 'ZRANGE');
    const keyArgs = [keys.meta, keys.models, old.meta, old.models];
    for (const n of names) keyArgs.push(old.data(n), old.order(n), keys.data(n), keys.order(n));
    const reply = strList(
      await c.sendCommand(['EVAL', MIGRATE_SCRIPT, String(keyArgs.length), ...keyArgs, randomBytes(4).toString('hex'), ...names]),
      'EVAL (migrate)',
    );
    const [status, a, b, d] = reply;
    if (status === 'ok') return true;
    if (status === 'done' || status === 'gone') return false;
    if (status === 'changed') continue;
    const what =
      status === 'format'
        ? `its old meta key '${old.meta}' says format ${a}`
        : status === 'type'
          ? `key '${a}' holds a ${b}, not a ${d}`
          : `key '${a}' of the new layout already exists`;
    throw new RedisStoreDecodeError(
      `${label}: cannot migrate storeId '${keys.storeId}' from the stored format 1 layout (diffsync:${keys.storeId}:…) to format ${REDIS_STORE_FORMAT_VERSION} ` +
        `(diffsync:{${keys.storeId}}:…): ${what}. Nothing was moved. Delete the storeId's keys of one layout (or load the data again under a new storeId).`,
    );
  }
  throw new RedisStoreDecodeError(
    `${label}: cannot migrate storeId '${keys.storeId}' from stored format 1: its model list kept changing (a process with @diffsync/redis-store 0.1 is writing to it). ` +
      'Stop or upgrade every process using this storeId, then connect again.',
  );
}
