#!/usr/bin/env node
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { SyncJobService } from './sync-job.service';

/** Start the application context (no HTTP server), run one sync, shut down. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.register(), { logger: ['error', 'warn'] });
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
