import type * as Playwright from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './measure';
import { generatedConfig } from './cli-generated';

const BIN = join(__dirname, '..', '..', 'packages', 'cli', 'dist', 'bin.js');

function wall(args: string[], cwd: string): { ms: number; stdout: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export interface CliBenchResult {
  size: number;
  elements: number;
  nodeStartMs: number;
  libraryMs: number;
  libraryProcessMs: number;
  cliDiffMs: number;
  /** cliDiffMs / (libraryMs + nodeStartMs); target ≤ 1.3. */
  ratio: number;
  /** cliDiffMs / libraryProcessMs: against a whole process that makes the library call (loading @diffsync/core included). */
  ratioToLibraryProcess: number;
  reportHtmlMs: number;
  reportHtmlMb: number;
  /** Opening the page in headless Chromium until it is ready (when /usr/bin/chromium exists). */
  browserOpenMs?: number;
}

/** Open the report in headless Chromium (playwright-core) and time it until the page is ready. */
async function browserOpen(file: string): Promise<number | undefined> {
  let playwright: typeof Playwright;
  try {
    playwright = require('playwright-core') as typeof Playwright;
  } catch {
    return undefined;
  }
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  try {
    statSync(executablePath);
  } catch {
    return undefined;
  }
  const browser = await playwright.chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const start = process.hrtime.bigint();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
    return Number(process.hrtime.bigint() - start) / 1e6;
  } finally {
    await browser.close();
  }
}

/**
 * `diffsync diff` of the workload (`size` models per side, config with generated adapters)
 * against the same library call in a fresh process plus Node's start-up; then
 * `diffsync report --format html` of that diff's plan: time and file size.
 */
export async function cliBench(size: number, runs: number): Promise<CliBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'diffsync-cli-bench-'));
  try {
    writeFileSync(join(dir, 'diffsync.config.cjs'), generatedConfig(size));
    const starts: number[] = [];
    const library: number[] = [];
    const libraryProcess: number[] = [];
    const cli: number[] = [];
    let elements = 0;
    // One warm-up of each (disk cache), then interleaved measured runs.
    wall(['-e', '0'], dir);
    wall([join(__dirname, 'cli-library-run.js'), String(size), join(dir, 'lib.txt')], dir);
    wall([BIN, 'diff', '--from', 'source', '--to', 'target', '--out', 'cli.txt', '--quiet'], dir);
    for (let i = 0; i < runs; i++) {
      starts.push(wall(['-e', '0'], dir).ms);
      const lib = wall([join(__dirname, 'cli-library-run.js'), String(size), join(dir, 'lib.txt')], dir);
      libraryProcess.push(lib.ms);
      const parsed = JSON.parse(lib.stdout) as { ms: number; elements: number };
      library.push(parsed.ms);
      elements = parsed.elements;
      cli.push(wall([BIN, 'diff', '--from', 'source', '--to', 'target', '--out', 'cli.txt', '--quiet'], dir).ms);
    }
    if (readFileSync(join(dir, 'cli.txt'), 'utf8') !== readFileSync(join(dir, 'lib.txt'), 'utf8')) {
      throw new Error('diffsync diff and the library call wrote different reports');
    }
    wall([BIN, 'plan', '--from', 'source', '--to', 'target', '--out', 'plan.json', '--quiet'], dir);
    const report: number[] = [];
    wall([BIN, 'report', 'plan.json', '--format', 'html', '--out', 'report.html'], dir);
    for (let i = 0; i < runs; i++) report.push(wall([BIN, 'report', 'plan.json', '--format', 'html', '--out', 'report.html'], dir).ms);
    const reportHtmlMb = statSync(join(dir, 'report.html')).size / 1e6;
    const browserOpenMs = await browserOpen(join(dir, 'report.html'));
    const nodeStartMs = median(starts);
    const libraryMs = median(library);
    const cliDiffMs = median(cli);
    return {
      size,
      elements,
      nodeStartMs,
      libraryMs,
      libraryProcessMs: median(libraryProcess),
      cliDiffMs,
      ratio: cliDiffMs / (libraryMs + nodeStartMs),
      ratioToLibraryProcess: cliDiffMs / median(libraryProcess),
      reportHtmlMs: median(report),
      reportHtmlMb,
      browserOpenMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
