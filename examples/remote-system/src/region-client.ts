import type { RegionInput, RegionRecord } from './region-api';

/** A request to the remote API failed: the HTTP status (0 when there was no answer) and the URL. */
export class RemoteApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RemoteApiError';
  }
}

/** The few calls of the regions API the adapter needs (what pynautobot does in diffsync's example). */
export class RegionClient {
  constructor(readonly baseUrl: string) {}

  async all(): Promise<RegionRecord[]> {
    return (await this.request<{ results: RegionRecord[] }>('GET', '')).results;
  }

  create(body: RegionInput): Promise<RegionRecord> {
    return this.request<RegionRecord>('POST', '', body);
  }

  update(id: string, body: RegionInput): Promise<RegionRecord> {
    return this.request<RegionRecord>('PATCH', `${id}/`, body);
  }

  async delete(id: string): Promise<void> {
    await this.request<undefined>('DELETE', `${id}/`);
  }

  private async request<T>(method: string, path: string, body?: RegionInput): Promise<T> {
    const url = `${this.baseUrl}/dcim/regions/${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body ? { 'content-type': 'application/json' } : undefined,
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (error) {
      throw new RemoteApiError(`${method} ${url}: no answer (${String(error)})`, 0, url, { cause: error });
    }
    const text = await response.text();
    if (!response.ok) throw new RemoteApiError(`${method} ${url}: ${response.status} ${text}`, response.status, url);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
