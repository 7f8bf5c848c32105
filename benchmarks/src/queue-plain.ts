// One plain process of the queue benchmark: load both sides, syncFrom, report as JSON.
//   node dist/queue-plain.js <sites> [pageDelayMs]
import 'reflect-metadata';
import { GeneratedSide } from './queue-workload';

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function main(): Promise<void> {
  const sites = Number(process.argv[2]);
  const pageDelayMs = Number(process.argv[3] ?? 0);
  const start = process.hrtime.bigint();
  const source = new GeneratedSide({ side: 'source', sites, pageDelayMs });
  const target = new GeneratedSide({ side: 'target', sites, pageDelayMs });
  await Promise.all([source.load(), target.load()]);
  const diff = await target.syncFrom(source);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(`${JSON.stringify({ ms, summary: diff.summary(), peakRssMb: process.resourceUsage().maxRSS / 1024, cpuMs: cpuMs() })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
