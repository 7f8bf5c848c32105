#!/usr/bin/env node
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { redisStorePerAdapter } from './redis-store-option';
import { SyncJobService } from './sync-job.service';

/**
 * Start the application context (no HTTP server), run one sync, shut down. The adapters
 * keep their models in LocalStores, or in Redis when REDIS_URL is set.
 */
async function main(): Promise<void> {
  const url = process.env.REDIS_URL;
  const options = url ? { store: redisStorePerAdapter(url) } : {};
  console.log(url ? `Stores: RedisStore on ${url.replace(/\/\/[^@/]*@/, '//***@')}` : 'Stores: LocalStore');
  const app = await NestFactory.createApplicationContext(AppModule.register(options), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  try {
    const job = app.get(SyncJobService);
    console.log('Preview:\n' + (await job.preview()));
    const report = await job.run();
    console.log(`\nSynced: ${JSON.stringify(report.summary)}`);
    console.log(`Left after the sync: ${report.remaining}`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
