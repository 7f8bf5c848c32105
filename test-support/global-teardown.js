module.exports = async function globalTeardown() {
  const redis = globalThis.__DIFFSYNC_REDIS__;
  if (redis && redis.child && !redis.stopped) {
    redis.stopped = true;
    redis.child.kill('SIGTERM');
  }
};
