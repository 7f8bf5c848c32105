import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { ping } = require('../../../test-support/redis-server') as { ping: (host: string, port: number, timeoutMs?: number) => Promise<boolean> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * A redis-server of this test only, on a free port, that the test may pause (SIGSTOP) and
 * resume (SIGCONT) — never the shared server on 6379. `stop()` resumes and kills it.
 */
export async function startPrivateRedis(): Promise<{ url: string; port: number; child: ChildProcess; pause(): void; resume(): void; stop(): Promise<void> }> {
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) throw new Error('redis-server is not on PATH: the commandTimeoutMs test starts its own server (apt-get install redis-server).');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'diffsync-redis-private-'));
  const child = spawn(which.stdout.trim(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let up = false;
  for (let i = 0; i < 100 && !up; i++) {
    up = await ping('127.0.0.1', port);
    if (!up) await new Promise((r) => setTimeout(r, 50));
  }
  if (!up) {
    child.kill('SIGKILL');
    throw new Error(`the private redis-server on port ${port} did not answer PING within 5 s`);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    child,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
