/**
 * Reply shapes differ between node-redis majors and protocols: v5 speaks RESP2 by default
 * (HGETALL is a flat array `[field, value, …]`, ZRANGE WITHSCORES a flat array of member
 * and score text), v6 speaks RESP3 by default (HGETALL is an object, or a Map with a
 * `typeMapping`; ZRANGE WITHSCORES is `[[member, score], …]`), and a client may map blob
 * strings to Buffers. The store reads every reply through these functions, which accept
 * all of those shapes and refuse anything else loudly instead of reading it as empty.
 */
export class UnexpectedReplyError extends Error {
  constructor(command: string, reply: unknown) {
    super(`unexpected reply to ${command}: ${describe(reply)}`);
    this.name = 'UnexpectedReplyError';
  }
}

function describe(reply: unknown): string {
  if (reply === null) return 'null';
  if (Array.isArray(reply)) return `an array of ${reply.length}`;
  if (typeof reply === 'object') return `a ${reply.constructor?.name ?? 'null-prototype object'}`;
  return `a ${typeof reply}`;
}

/** A string reply (a Buffer is decoded as UTF-8). */
export function str(reply: unknown, command: string): string {
  if (typeof reply === 'string') return reply;
  if (Buffer.isBuffer(reply)) return reply.toString('utf8');
  if (typeof reply === 'number') return String(reply);
  throw new UnexpectedReplyError(command, reply);
}

/** A string or nil reply. */
export function nullableStr(reply: unknown, command: string): string | null {
  return reply === null || reply === undefined ? null : str(reply, command);
}

/** A number reply (a number, or its text under a NUMBER→String type mapping). */
export function num(reply: unknown, command: string): number {
  const n = typeof reply === 'number' ? reply : typeof reply === 'string' || Buffer.isBuffer(reply) ? Number(String(reply)) : NaN;
  if (!Number.isFinite(n)) throw new UnexpectedReplyError(command, reply);
  return n;
}

/** An array of strings (ZRANGE, HKEYS). */
export function strList(reply: unknown, command: string): string[] {
  if (!Array.isArray(reply)) throw new UnexpectedReplyError(command, reply);
  const out = new Array<string>(reply.length);
  for (let i = 0; i < reply.length; i++) out[i] = str(reply[i], command);
  return out;
}

/** An array of strings and nils (HMGET). */
export function nullableStrList(reply: unknown, command: string): Array<string | null> {
  if (!Array.isArray(reply)) throw new UnexpectedReplyError(command, reply);
  const out = new Array<string | null>(reply.length);
  for (let i = 0; i < reply.length; i++) out[i] = nullableStr(reply[i], command);
  return out;
}

/**
 * A map reply (HGETALL) as a Map: a RESP2 flat array, a RESP3 object or Map, or an
 * array of `[field, value]` pairs. An object cannot hold a field named `__proto__`;
 * callers that must see every field compare the size with HLEN (see RedisStore.getAll).
 */
export function entries(reply: unknown, command: string): Map<string, string> {
  const out = new Map<string, string>();
  if (reply instanceof Map) {
    for (const [k, v] of reply) out.set(str(k, command), str(v, command));
  } else if (Array.isArray(reply)) {
    if (reply.length > 0 && Array.isArray(reply[0])) {
      for (const pair of reply) {
        if (!Array.isArray(pair) || pair.length !== 2) throw new UnexpectedReplyError(command, reply);
        out.set(str(pair[0], command), str(pair[1], command));
      }
    } else {
      if (reply.length % 2 !== 0) throw new UnexpectedReplyError(command, reply);
      for (let i = 0; i < reply.length; i += 2) out.set(str(reply[i], command), str(reply[i + 1], command));
    }
  } else if (reply !== null && typeof reply === 'object') {
    for (const k of Object.keys(reply)) out.set(k, str((reply as Record<string, unknown>)[k], command));
  } else {
    throw new UnexpectedReplyError(command, reply);
  }
  return out;
}

/** ZRANGE … WITHSCORES as `[member, score]` pairs: RESP2 flat array or RESP3 pairs. */
export function scoredMembers(reply: unknown, command: string): Array<[string, number]> {
  if (!Array.isArray(reply)) throw new UnexpectedReplyError(command, reply);
  const out: Array<[string, number]> = [];
  if (reply.length > 0 && Array.isArray(reply[0])) {
    for (const pair of reply) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new UnexpectedReplyError(command, reply);
      out.push([str(pair[0], command), num(pair[1], command)]);
    }
  } else {
    if (reply.length % 2 !== 0) throw new UnexpectedReplyError(command, reply);
    for (let i = 0; i < reply.length; i += 2) out.push([str(reply[i], command), num(reply[i + 1], command)]);
  }
  return out;
}

/**
 * The results of EXEC: an array, one entry per queued command. node-redis throws when a
 * queued command failed (MultiErrorReply) or a WATCH aborted the transaction; an error
 * object among the results (a client that does not throw) is thrown here, so a failed
 * command never reads as an empty result.
 */
export function execResults(reply: unknown, count: number): unknown[] {
  if (!Array.isArray(reply) || reply.length !== count) throw new UnexpectedReplyError('EXEC', reply);
  for (const r of reply) if (r instanceof Error) throw r;
  return reply;
}
