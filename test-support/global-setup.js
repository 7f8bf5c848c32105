const { ensureRedis } = require('./redis-server');

module.exports = async function globalSetup() {
  if (globalThis.__DIFFSYNC_REDIS__) return; // one per jest run, shared by all projects
  const redis = await ensureRedis();
  globalThis.__DIFFSYNC_REDIS__ = redis;
  if (redis.url) process.env.REDIS_URL = redis.url;
  else process.env.DIFFSYNC_REDIS_UNAVAILABLE = redis.unavailable;
};
