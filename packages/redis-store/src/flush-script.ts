import { randomBytes } from 'node:crypto';
import type { RedisKeys } from './keys';

/** Fields (or members) per HSET / ZADD / HDEL / ZREM call inside the script (Lua's unpack has a stack limit). */
export const WRITE_CHUNK = 1000;

/** `expected` argument of a flush that is not checked (the store has read nothing). */
export const UNCHECKED = '*';

/**
 * One flush as one Lua script, so the version check and every write are one atomic step
 * on the server (a WATCH would need a connection of its own; a MULTI cannot be made
 * conditional). Before writing anything it checks the types of all keys it touches, the
 * stored format and the version; a refused flush writes nothing.
 *
 * KEYS: meta, models, then data and order of each model.
 * ARGV: expected version ('*' unchecked, '' the storeId must have none), version token,
 * format, number of new objects, number of models, then per model: name, index of its
 * first new object (0 = none), #deletes, #sets, #new, the deleted uids, uid/JSON pairs,
 * index/uid pairs of new objects (score = reserved seq base + index).
 *
 * Replies: {'ok', version} | {'conflict', version or ''} | {'type', key, type, expected}
 * | {'format', format}.
 */
export const FLUSH_SCRIPT = `
local CHUNK = ${WRITE_CHUNK}
for i = 1, #KEYS do
  local want = 'zset'
  if i == 1 or (i > 2 and i % 2 == 1) then want = 'hash' end
  local t = redis.call('TYPE', KEYS[i])['ok']
  if t ~= 'none' and t ~= want then return {'type', KEYS[i], t, want} end
end
local meta, models = KEYS[1], KEYS[2]
local format = redis.call('HGET', meta, 'format')
if format and tonumber(format) ~= tonumber(ARGV[3]) then return {'format', format} end
local current = redis.call('HGET', meta, 'version') or ''
if ARGV[1] ~= '*' and ARGV[1] ~= current then return {'conflict', current} end
local nNew = tonumber(ARGV[4])
local base = 0
if nNew > 0 then base = redis.call('HINCRBY', meta, 'seq', nNew) - nNew end
local pos = 6
for j = 0, tonumber(ARGV[5]) - 1 do
  local data, order = KEYS[3 + 2 * j], KEYS[4 + 2 * j]
  local name, first = ARGV[pos], tonumber(ARGV[pos + 1])
  local nd, ns, nn = tonumber(ARGV[pos + 2]), tonumber(ARGV[pos + 3]), tonumber(ARGV[pos + 4])
  pos = pos + 5
  local i = 0
  while i < nd do
    local c = math.min(CHUNK, nd - i)
    redis.call('HDEL', data, unpack(ARGV, pos + i, pos + i + c - 1))
    redis.call('ZREM', order, unpack(ARGV, pos + i, pos + i + c - 1))
    i = i + c
  end
  pos = pos + nd
  i = 0
  while i < ns do
    local c = math.min(CHUNK, ns - i)
    redis.call('HSET', data, unpack(ARGV, pos + 2 * i, pos + 2 * (i + c) - 1))
    i = i + c
  end
  pos = pos + 2 * ns
  if first > 0 then redis.call('ZADD', models, 'NX', base + first, name) end
  i = 0
  while i < nn do
    local c = math.min(CHUNK, nn - i)
    local args = {}
    for k = 0, c - 1 do
      local at = pos + 2 * (i + k)
      args[2 * k + 1] = base + tonumber(ARGV[at])
      args[2 * k + 2] = ARGV[at + 1]
    end
    redis.call('ZADD', order, 'NX', unpack(args))
    i = i + c
  end
  pos = pos + 2 * nn
end
local version = redis.call('HINCRBY', meta, 'flushes', 1) .. '-' .. ARGV[2]
redis.call('HSET', meta, 'format', ARGV[3], 'version', version)
return {'ok', version}
`;

/** What one flush writes to one model's keys. */
export interface ModelWrites {
  /** uids to HDEL / ZREM. */
  deletes: string[];
  /** uid, JSON, uid, JSON, … for HSET. */
  sets: string[];
  /** index, uid, … of new (and upserted) objects for ZADD NX on the order set; index counts from 1 over the flush. */
  order: string[];
  /** Index of the model's first new object (for the models set), or 0. */
  first: number;
}

/** A random id for a flush; the version it writes is `<flushes>-<token>`. */
export function flushToken(): string {
  return randomBytes(4).toString('hex');
}

/** True when `version` was written by the flush with `token`. */
export function writtenBy(version: string | undefined, token: string | undefined): boolean {
  return version !== undefined && token !== undefined && version.endsWith(`-${token}`);
}

/** The EVAL command of one flush. */
export function flushCommand(keys: RedisKeys, expected: string, token: string, format: number, newCount: number, byModel: Map<string, ModelWrites>): string[] {
  const keyArgs = [keys.meta, keys.models];
  const argv = [expected, token, String(format), String(newCount), String(byModel.size)];
  for (const [model, w] of byModel) {
    keyArgs.push(keys.data(model), keys.order(model));
    argv.push(model, String(w.first), String(w.deletes.length), String(w.sets.length / 2), String(w.order.length / 2));
    for (const uid of w.deletes) argv.push(uid);
    for (const s of w.sets) argv.push(s);
    for (const o of w.order) argv.push(o);
  }
  return ['EVAL', FLUSH_SCRIPT, String(keyArgs.length), ...keyArgs, ...argv];
}
