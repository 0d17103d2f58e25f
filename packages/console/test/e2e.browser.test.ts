import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineBroker } from '@sealbus/broker-engine';
import type { LocalKms } from '@sealbus/kms-local';
import { openSqliteKms } from '@sealbus/kms-local/sqlite';
import { createSqliteBroker } from '@sealbus/sqlite';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleServer, startConsoleServer } from '../src/index.js';
import { ARTIFACTS_DIR, runEmrScenario, type ScenarioRun } from './support/emrScenario.js';

const CHROMIUM = '/usr/bin/chromium';
/** Live regions refresh every 2 s; give a refresh-dependent wait a few periods. */
const LIVE = { timeout: 10_000 };
const INTEGRATIONS = ['Billing-Integration', 'Scheduling-Integration', 'Prescription-Integration'];
const TOKEN = 'e2e-access-token-0123456789';
/**
 * Generous page-height budgets for the keys page: it was 13,000 px tall at 1280 and 20,000 px
 * at 400 with the 200-row audit list; now about 1,700 and 3,200.
 */
const KEYS_HEIGHT_BUDGET = { 1280: 3500, 400: 6000 } as const;

async function cellNumber(page: Page, queue: string, column: string): Promise<number> {
  const text = await page.locator(`tr[data-queue="${queue}"] [data-col="${column}"]`).textContent();
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}

/** Serves one HTML page from another site (`localhost` is cross-site to `127.0.0.1`). */
async function startAttackerSite(html: string, headers: Record<string, string>): Promise<Server> {
  const site = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
    res.end(html);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  return site;
}

describe('console in a real browser over the EMR scenario on SQLite, behind an access token', () => {
  let dir: string;
  let kms: LocalKms;
  let broker: EngineBroker;
  let server: ConsoleServer;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let scenario: ScenarioRun;
  const consoleErrors: string[] = [];

  /** Launched on first use, inside a test: a missing chromium fails the tests, never skips them. */
  async function launchBrowser(): Promise<Browser> {
    if (browser !== undefined) return browser;
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Debian's chromium is missing at ${CHROMIUM}: the console e2e test drives it through playwright-core. Install it with "apt-get install -y chromium" (.ci/run does this when it is missing).`,
      );
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    return browser;
  }

  /** One signed-in browser session shared by the tests, as one user would keep it. */
  async function signedInPage(watchErrors = true): Promise<Page> {
    if (context === undefined) {
      context = await (await launchBrowser()).newContext({
        viewport: { width: 1280, height: 800 },
      });
    }
    const page = await context.newPage();
    if (!watchErrors) return page;
    page.on('console', (message) => {
      if (message.type() === 'error') {
        consoleErrors.push(`${message.text()} (${message.location().url})`);
      }
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    return page;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'sealbus-console-e2e-'));
    const path = join(dir, 'emr.db');
    kms = openSqliteKms({ path });
    broker = createSqliteBroker({ path, kms });
    server = await startConsoleServer({ broker, kms, port: 0, accessToken: TOKEN });
    scenario = await runEmrScenario(path, 200, 400);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await broker?.close();
    await kms?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('signs in with the access token through the login form', async () => {
    // The demo exits 0 only when its own summary adds up.
    expect(scenario.code, `EMR scenario failed:\n${scenario.output}`).toBe(0);
    // A wrong token answers 401, which the browser reports as an error: expected here.
    const page = await signedInPage(false);
    await page.goto(`${server.url}/queues`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'login-1280.png') });
    await page.getByLabel('Access token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.locator('.notice-error').textContent(), LIVE)
      .toContain('not right');
    await page.getByLabel('Access token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent(), LIVE).toBe('Queues');
    expect(new URL(page.url()).pathname).toBe('/console/queues');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await page.close();
  });

  it('refuses cross-site form POSTs from another site, with or without an Origin', async () => {
    // The refusals are 403s the browser reports as errors: expected here.
    const page = await signedInPage(false);
    const dlqArn = (await broker.getQueue('Billing-Integration-DLQ')).arn;
    const action = `${server.url}/queues/Billing-Integration-DLQ/redrive`;
    const form = `<form method="post" action="${action}"><input name="maxPerSecond" value="1"><button>Win a prize</button></form>`;
    // A plain page sends its own origin; a no-referrer page makes Chromium send "Origin: null".
    for (const headers of [{}, { 'Referrer-Policy': 'no-referrer' }] as Record<string, string>[]) {
      const site = await startAttackerSite(form, headers);
      try {
        const { port } = site.address() as AddressInfo;
        await page.goto(`http://localhost:${port}/`);
        const [response] = await Promise.all([
          page.waitForResponse(action),
          page.getByRole('button', { name: 'Win a prize' }).click(),
        ]);
        expect(response.status(), JSON.stringify(headers)).toBe(403);
        expect(await response.text()).toContain('Cross-site POST refused');
      } finally {
        await new Promise((resolve) => site.close(resolve));
      }
    }
    expect(await broker.listMessageMoveTasks(dlqArn)).toEqual([]);
    // The refusals set no cookie: the user is still signed in.
    await page.goto(`${server.url}/queues`);
    expect(await page.locator('h1').textContent()).toBe('Queues');
    await page.close();
  });

  it('fits every page in 1280 and 400 px windows: no sideways scrolling, a bounded keys page', async () => {
    const page = await signedInPage();
    const dlq = 'Billing-Integration-DLQ';
    expect(
      (await (await broker.getQueue(dlq)).getAttributes()).ApproximateNumberOfMessages,
      `the DLQ holds messages to show\n${scenario.output}`,
    ).toBeGreaterThan(0);
    const pages = [
      ['queues', '/queues'],
      ['queue', '/queues/Billing-Integration'],
      ['dlq', `/queues/${dlq}`],
      ['dlqs', '/dlqs'],
      ['topics', '/topics'],
      ['deliveries', '/deliveries'],
      ['keys', '/keys'],
      ['login', '/login'],
    ] as const;
    // Every page is looked at (and photographed) before the verdict, so one run shows them all.
    const problems: string[] = [];
    for (const width of [1280, 400] as const) {
      await page.setViewportSize({ width, height: 800 });
      for (const [name, path] of pages) {
        await page.goto(`${server.url}${path}`);
        await page.waitForLoadState('networkidle');
        expect(new URL(page.url()).pathname, 'still signed in').toBe(`/console${path}`);
        await page.screenshot({
          path: join(ARTIFACTS_DIR, `${name}-${width}.png`),
          fullPage: true,
        });
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        if (overflow > 0) problems.push(`${path} at ${width}px scrolls sideways by ${overflow}px`);
        const height = await page.evaluate<number>('document.body.scrollHeight');
        if (name === 'keys' && height >= KEYS_HEIGHT_BUDGET[width]) {
          problems.push(`${path} at ${width}px is ${height}px tall`);
        }
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the integration queues, peeks a sealed DLQ message, decrypts it, redrives and sees the counts change', async () => {
    const page = await signedInPage();
    await page.goto(`${server.url}/queues`);
    for (const queue of INTEGRATIONS) {
      await expect.poll(() => page.locator(`tr[data-queue="${queue}"]`).count(), LIVE).toBe(1);
      await expect
        .poll(() => page.locator(`tr[data-queue="${queue}"] [data-col="dlq"]`).textContent(), LIVE)
        .toContain(`${queue}-DLQ: `);
    }
    const depths = Object.fromEntries(
      await Promise.all(
        INTEGRATIONS.map(
          async (queue) => [queue, await cellNumber(page, queue, 'dlq-depth')] as const,
        ),
      ),
    );
    const source = INTEGRATIONS.find((queue) => depths[queue]! > 0);
    expect(
      source,
      `some DLQ holds messages: ${JSON.stringify(depths)}\n${scenario.output}`,
    ).toBeDefined();
    const dlq = `${source}-DLQ`;
    const dlqDepth = depths[source!]!;
    const sourceVisible = await cellNumber(page, source!, 'visible');

    // Keyboard: the first Tab stop is the skip link, and it is visibly focused.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');

    await page.getByRole('link', { name: dlq, exact: true }).first().click();
    await expect.poll(() => page.locator('h1').textContent(), LIVE).toBe(dlq);
    const firstMessage = page.locator('tr[data-message-id]').first();
    await expect
      .poll(() => firstMessage.locator('.badge-sealed').textContent(), LIVE)
      .toBe('sealed');
    expect(await firstMessage.textContent()).toContain('Body hidden.');
    expect(await firstMessage.locator('code.arn').first().textContent()).toMatch(
      /^arn:aws:kms:us-east-1:000000000000:key\//,
    );
    expect(await firstMessage.textContent()).toContain('envelope v2');
    // Dead-lettered after the source's maxReceiveCount receives, not "0".
    expect(await firstMessage.locator('[data-col="receives"]').textContent()).toMatch(
      /^[1-9]\d*\d+ in source, \d+ here$/,
    );
    expect(await page.locator('pre.body').count()).toBe(0);
    await page.locator('#messages-heading').evaluate((heading) => heading.scrollIntoView());
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'dlq-peek-1280.png') });

    // The explicit decrypt action opens one body in place, as the console principal.
    await firstMessage.getByRole('button', { name: /^Decrypt/ }).click();
    await expect.poll(() => firstMessage.locator('pre.body').count(), LIVE).toBe(1);
    expect(await firstMessage.textContent()).toContain('Decrypted by sealbus-console');
    expect(await page.locator('pre.body').count()).toBe(1);
    const decrypts = await kms.auditLog({ operation: 'Decrypt' });
    expect(
      decrypts.some((entry) => entry.principal === 'sealbus-console' && entry.result === 'ok'),
    ).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'dlq-decrypted-1280.png') });
    await page.evaluate('window.scrollTo(0, 0)');

    await page.getByRole('button', { name: `Redrive ${dlq} to source` }).click();
    await expect
      .poll(() => page.locator('#status').textContent(), LIVE)
      .toContain(`Redrive of ${dlq} started`);
    await expect
      .poll(() => page.locator('.move-task').textContent(), { timeout: 30_000 })
      .toContain('COMPLETED');
    expect(await page.locator('.move-task progress').getAttribute('value')).toBe('100');
    await expect
      .poll(() => page.locator('[data-col="summary"] [data-col="visible"]').textContent(), LIVE)
      .toBe('0');
    // Nothing left to move: no second redrive on offer.
    await expect
      .poll(() => page.locator('.move-task').textContent(), LIVE)
      .toContain(`Nothing to redrive: ${dlq} is empty.`);
    expect(await page.getByRole('button', { name: `Redrive ${dlq} to source` }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'dlq-redriven-1280.png') });

    await page.getByRole('link', { name: 'Queues', exact: true }).click();
    await expect.poll(() => cellNumber(page, source!, 'dlq-depth'), LIVE).toBe(0);
    expect(await cellNumber(page, source!, 'visible')).toBe(sourceVisible + dlqDepth);

    await page.getByRole('link', { name: 'Topics' }).click();
    await expect.poll(() => page.locator('svg.fanout rect').count(), LIVE).toBe(7);

    // The keys page: both charts drawn; the console's own decrypt is found by filtering the
    // audit log to allowed Decrypt calls, however many refusals the demo caused.
    await page.getByRole('link', { name: 'Keys & audit' }).click();
    await expect.poll(() => page.locator('#kms-chart canvas').count(), LIVE).toBeGreaterThan(0);
    expect(await page.locator('#kms-chart-other canvas').count()).toBeGreaterThan(0);
    await page.locator('#activity-heading').evaluate((heading) => heading.scrollIntoView());
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'kms-chart-1280.png') });
    await page.getByLabel('Operation').selectOption('Decrypt');
    await page.getByLabel('Result').selectOption('ok');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('result'), LIVE).toBe('ok');
    const rows = page.locator('table.audit tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.filter({ hasText: 'KMS.' }).count()).toBe(0);
    expect(await rows.filter({ hasText: 'sealbus-console' }).count()).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
