import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for a remote system's REST API (Nautobot's `dcim/regions` in diffsync's
 * example): regions without a parent are regions, regions with one are countries, and a
 * country's population is a custom field.
 */
export interface RegionRecord {
  id: string;
  slug: string;
  name: string;
  parent: { id: string; slug: string } | null;
  custom_fields: { country_population: number | null };
}

/** What a client sends to create or change a record. */
export interface RegionInput {
  slug?: string;
  name?: string;
  /** The parent's id. */
  parent?: string | null;
  custom_fields?: { country_population?: number | null };
}

/** The starting content: `parent` is the parent's slug. */
export interface SeedRegion {
  slug: string;
  name: string;
  parent?: string;
  population?: number | null;
}

export interface RunningApi {
  /** `http://127.0.0.1:<port>/api`. */
  readonly url: string;
  /** The records as the server holds them now. */
  records(): RegionRecord[];
  close(): Promise<void>;
}

const PATH = /^\/api\/dcim\/regions\/(?:([0-9a-f-]+)\/)?$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Starts the API on 127.0.0.1 on a free port, holding `seed`. */
export async function startRegionApi(seed: readonly SeedRegion[] = []): Promise<RunningApi> {
  const byId = new Map<string, RegionRecord>();
  const bySlug = (slug: string) => [...byId.values()].find((r) => r.slug === slug);
  for (const s of seed) {
    const parent = s.parent === undefined ? undefined : bySlug(s.parent);
    const id = randomUUID();
    byId.set(id, {
      id,
      slug: s.slug,
      name: s.name,
      parent: parent ? { id: parent.id, slug: parent.slug } : null,
      custom_fields: { country_population: s.population ?? null },
    });
  }

  const parentOf = (id: string | null | undefined): RegionRecord['parent'] => {
    if (id === null || id === undefined) return null;
    const parent = byId.get(id);
    if (!parent) throw new HttpError(400, `parent: no region with id ${id}`);
    return { id: parent.id, slug: parent.slug };
  };

  const handle = (method: string, id: string | undefined, body: RegionInput): [number, unknown] => {
    if (id === undefined && method === 'GET') return [200, { count: byId.size, results: [...byId.values()] }];
    if (id === undefined && method === 'POST') {
      if (!body.slug || !body.name) throw new HttpError(400, 'slug and name are required');
      if (bySlug(body.slug)) throw new HttpError(400, `slug: a region with slug ${body.slug} already exists`);
      const record: RegionRecord = {
        id: randomUUID(),
        slug: body.slug,
        name: body.name,
        parent: parentOf(body.parent),
        custom_fields: { country_population: body.custom_fields?.country_population ?? null },
      };
      byId.set(record.id, record);
      return [201, record];
    }
    const record = id === undefined ? undefined : byId.get(id);
    if (!record) throw new HttpError(404, `no region ${id ?? ''}`);
    if (method === 'GET') return [200, record];
    if (method === 'PATCH') {
      if (body.name !== undefined) record.name = body.name;
      if (body.parent !== undefined) record.parent = parentOf(body.parent);
      if (body.custom_fields) Object.assign(record.custom_fields, body.custom_fields);
      return [200, record];
    }
    if (method === 'DELETE') {
      if ([...byId.values()].some((r) => r.parent?.id === record.id)) throw new HttpError(400, `${record.slug} has child regions`);
      byId.delete(record.id);
      return [204, undefined];
    }
    throw new HttpError(405, `${method} not allowed`);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let status: number;
      let payload: unknown;
      try {
        const match = PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
        if (!match) throw new HttpError(404, `no route ${req.url ?? ''}`);
        const text = Buffer.concat(chunks).toString('utf8');
        [status, payload] = handle(req.method ?? 'GET', match[1], text ? (JSON.parse(text) as RegionInput) : {});
      } catch (error) {
        status = error instanceof HttpError ? error.status : 400;
        payload = { detail: error instanceof Error ? error.message : String(error) };
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    records: () => [...byId.values()].map((r) => structuredClone(r)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
