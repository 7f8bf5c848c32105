// Finds a Redis for the tests: REDIS_URL if set, else 127.0.0.1:6379 if it answers,
// else a redis-server started from PATH on a free port (stopped by global-teardown).
const net = require('node:net');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function ping(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const INSTALL_HINT =
  'Redis is needed by the redis-store tests: nothing answers on 127.0.0.1:6379, REDIS_URL is unset and ' +
  'redis-server is not on PATH. Install it (Debian/Ubuntu: `apt-get install redis-server`, macOS: ' +
  '`brew install redis`) or point REDIS_URL at a server.';

async function ensureRedis() {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL };
  if (await ping('127.0.0.1', 6379)) return { url: 'redis://127.0.0.1:6379' };
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) return { unavailable: INSTALL_HINT };
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diffsync-redis-'));
  const child = spawn(which.stdout.trim(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
    detached: false,
  });
  for (let i = 0; i < 100; i++) {
    if (await ping('127.0.0.1', port)) return { url: `redis://127.0.0.1:${port}`, child };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  return { unavailable: `redis-server was started on port ${port} but did not answer PING within 5 s.` };
}

module.exports = { ensureRedis, ping, INSTALL_HINT };
