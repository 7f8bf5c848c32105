import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { renderHtml } from '../src';
import { largeDiff, smallDiff } from './report-fixtures';

// What the callbacks run inside the page use, typed here without the DOM lib.
interface PageElement {
  dataset: Record<string, string | undefined>;
  classList: { contains(name: string): boolean };
  querySelector(selector: string): PageElement | null;
  textContent: string | null;
  open: boolean;
}
declare const document: { getElementById(id: string): PageElement | null };
declare const window: { pwned?: number };

// The HTML report in a real browser: Debian's chromium (.ci/run installs it when missing).
jest.setTimeout(120000);

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SCREENSHOT = join(__dirname, '..', '..', '..', 'docs', 'images', 'cli-html-report.png');

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  dir = mkdtempSync(join(tmpdir(), 'diffsync-report-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  requests: string[];
  blocked: string[];
  errors: string[];
  url: string;
}

/** Write the page and open it from file://, recording every request and routing all of them to a failure. */
async function open(name: string, html: string): Promise<Opened> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const blocked: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await context.route('**/*', async (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    blocked.push(u);
    return route.abort();
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, requests, blocked, errors, url };
}

/** Open a row (a click on its summary when it is closed) and wait for its body. */
async function expand(row: Locator): Promise<void> {
  if ((await row.getAttribute('open')) === null) await row.locator(':scope > summary').click();
  await row.locator(':scope > .body').waitFor();
}

const rows = (page: Page, selector = '#tree details.el') =>
  page.$$eval(selector, (els) =>
    els.map((e) => ({
      action: (e as unknown as PageElement).dataset['action'],
      context: e.classList.contains('context'),
      name: e.querySelector(':scope > summary .name')?.textContent,
    })),
  );

describe('HTML report in Chromium', () => {
  let small: Opened;
  beforeAll(async () => {
    const { diff, failures } = smallDiff();
    small = await open('small.html', renderHtml({ diff, failures, title: 'diffsync sync: netbox → cmdb' }));
  });
  afterAll(() => small.page.context().close());

  it('shows the summary and the counts per model type and action', async () => {
    const { page } = small;
    expect(await page.textContent('.summary')).toContain('summary: create 5, update 2, delete 2, no-change 3, skip 3, failed 1');
    const cell = (type: string, action: string) => page.textContent(`.counts tr[data-type="${type}"] td[data-action="${action}"]`);
    expect(await cell('site', 'create')).toBe('1');
    expect(await cell('site', 'delete')).toBe('1');
    expect(await cell('site', 'no-change')).toBe('2');
    expect(await cell('device', 'create')).toBe('3');
    expect(await cell('device', 'update')).toBe('1');
    expect(await cell('device', 'delete')).toBe('1');
    expect(await cell('interface', 'update')).toBe('1');
    expect(await cell('interface', 'failed')).toBe('0');
    expect(await cell('device', 'failed')).toBe('1');
  });

  it('an update shows the source and destination values side by side', async () => {
    const { page } = small;
    const r1 = page.locator('#tree details.el[data-action="update"]', { has: page.locator(':scope > summary .name', { hasText: /^r1$/ }) });
    await expect(r1.getAttribute('open')).resolves.not.toBeNull(); // small reports open the parents
    const changed = r1.locator(':scope > .body > table.attrs tr.changed');
    expect(await changed.count()).toBe(1);
    expect(await changed.locator('th').textContent()).toBe('role');
    expect(await changed.locator('td.src').textContent()).toBe('spine');
    expect(await changed.locator('td.dst').textContent()).toBe('leaf');
    expect(await r1.locator(':scope > .body > table.attrs thead').textContent()).toBe('attributenetbox (source)cmdb (destination)');
    expect(await r1.locator(':scope > summary .changes').textContent()).toBe('changed: role');
  });

  it('a value holding markup is shown as text, never run', async () => {
    const { page } = small;
    const r2 = page.locator('#tree details.el', { has: page.locator(':scope > summary .name', { hasText: /^r2$/ }) });
    await expand(r2);
    const note = r2.locator(':scope > .body > table.attrs tr', { has: page.locator('th', { hasText: 'note' }) }).locator('td.src');
    expect(await note.textContent()).toBe('<script>window.pwned=1</script><img src=x onerror="window.pwned=2">');
    expect(await page.evaluate(() => window.pwned)).toBeUndefined();
    expect(await page.locator('#tree img, #tree script').count()).toBe(0);
    expect(await page.textContent('.failures')).toContain('the CMDB refused device bad1: <b>quota</b> exceeded');
    expect(await page.locator('.failures b').count()).toBe(0);
  });

  it('clicking a filter hides the other actions; clicking it again shows everything', async () => {
    const { page } = small;
    await page.click('.toolbar button[data-action="delete"]');
    let shown = await rows(page);
    const matching = shown.filter((r) => !r.context);
    expect(matching.map((r) => r.name).sort()).toEqual(['par', 'r3']);
    expect(matching.every((r) => r.action === 'delete')).toBe(true);
    // Only the parents of matches stay, dimmed, as context.
    expect(shown.filter((r) => r.context).map((r) => r.name)).toEqual(['ams']);
    expect(await page.textContent('#status')).toBe('showing 2 of 12 elements');
    expect(await page.getAttribute('.toolbar button[data-action="delete"]', 'aria-pressed')).toBe('true');

    await page.click('.toolbar button[data-action="update"]');
    shown = await rows(page);
    expect(shown.filter((r) => !r.context).map((r) => r.name)).toEqual(['r1', 'eth0']);
    expect(shown.filter((r) => !r.context).every((r) => r.action === 'update')).toBe(true);

    await page.click('.toolbar button[data-action="update"]');
    expect(await page.textContent('#status')).toBe('showing all 12 elements');
    expect((await rows(page)).length).toBe(12);
  });

  it('the search narrows the tree to names and values that match', async () => {
    const { page } = small;
    await page.fill('#search', 'rack 5');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'showing 1 of 12 elements');
    let shown = await rows(page);
    expect(shown.filter((r) => !r.context).map((r) => r.name)).toEqual(['r5']);
    expect(shown.map((r) => r.name)).toEqual(['lon', 'r5']);
    await page.fill('#search', 'ETH0');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'showing 2 of 12 elements');
    shown = await rows(page);
    expect(shown.filter((r) => !r.context).map((r) => r.name)).toEqual(['eth0', 'eth0']);
    await page.fill('#search', '');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'showing all 12 elements');
  });

  it('"failed only" shows the failed elements with their errors', async () => {
    const { page } = small;
    await page.check('#failed-only');
    const shown = await rows(page);
    expect(shown.filter((r) => !r.context).map((r) => r.name)).toEqual(['bad1']);
    const bad = page.locator('#tree details.el.failed');
    await expand(bad);
    expect(await bad.locator('.error').textContent()).toBe('error: the CMDB refused device bad1: <b>quota</b> exceeded');
    await page.uncheck('#failed-only');
  });

  it('no request leaves the page: only the file itself was loaded', async () => {
    const { page, requests, blocked, errors, url } = small;
    // Open every row, so everything the page could fetch has been rendered.
    await page.$$eval('#tree details', (els) => els.forEach((e) => ((e as unknown as PageElement).open = true)));
    await page.waitForTimeout(200);
    expect(blocked).toEqual([]);
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
  });

  it('saves a screenshot for docs/cli.md', async () => {
    const { diff, failures } = smallDiff();
    const shot = await open('screenshot.html', renderHtml({ diff, failures, title: 'diffsync sync: netbox → cmdb' }));
    await shot.page.setViewportSize({ width: 1100, height: 860 });
    const r2 = shot.page.locator('#tree details.el', { has: shot.page.locator(':scope > summary .name', { hasText: /^r2$/ }) });
    await expand(r2);
    await expand(shot.page.locator('#tree details.el.failed'));
    await shot.page.mouse.move(0, 0);
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await shot.page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10000);
    await shot.page.context().close();
  });
});

describe('HTML report of 100,000 elements in Chromium', () => {
  it('opens, renders only opened groups, and searches (timings printed, not asserted)', async () => {
    const diff = largeDiff(100000);
    const n = diff.length;
    let t = performance.now();
    const html = renderHtml({ diff, title: `diffsync: ${n} elements` });
    const renderMs = performance.now() - t;
    t = performance.now();
    const big = await open('large.html', html);
    const openMs = performance.now() - t;
    const { page } = big;
    expect(await page.textContent('#status')).toBe(`showing all ${n} elements`);
    // Collapsed: no element row is built until a group is opened.
    expect(await page.locator('#tree details.el').count()).toBe(0);
    t = performance.now();
    await page.click('#tree details.group > summary');
    await page.waitForSelector('#tree details.el');
    const groupMs = performance.now() - t;
    expect(await page.locator('#tree details.el').count()).toBe(500);
    expect(await page.textContent('#tree button.more')).toBe(`Show 500 more (${1099 - 500} left)`);
    t = performance.now();
    await page.fill('#search', 'dev3-s777 (changed)');
    await page.waitForFunction(() => /^showing \d+ of/.test(document.getElementById('status')?.textContent ?? ''));
    const searchMs = performance.now() - t;
    const shown = await rows(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((r) => !r.context).every((r) => r.action === 'update')).toBe(true);
    expect(big.errors).toEqual([]);
    expect(big.blocked).toEqual([]);
    console.log(
      `HTML report, ${n} elements: ${(html.length / 1e6).toFixed(1)} MB, renderHtml ${renderMs.toFixed(0)} ms, ` +
        `open in Chromium ${openMs.toFixed(0)} ms, first group ${groupMs.toFixed(0)} ms, search ${searchMs.toFixed(0)} ms`,
    );
    await page.context().close();
  });
});
