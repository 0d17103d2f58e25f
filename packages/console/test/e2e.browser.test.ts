import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineBroker } from '@sealbus/broker-engine';
import { LocalKms } from '@sealbus/kms-local';
import { createSqliteBroker } from '@sealbus/sqlite';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleServer, startConsoleServer } from '../src/index.js';
import { ARTIFACTS_DIR, runEmrScenario, type ScenarioRun } from './support/emrScenario.js';

const CHROMIUM = '/usr/bin/chromium';
/** Live regions refresh every 2 s; give a refresh-dependent wait a few periods. */
const LIVE = { timeout: 10_000 };
const INTEGRATIONS = ['Billing-Integration', 'Scheduling-Integration', 'Prescription-Integration'];

async function cellNumber(page: Page, queue: string, column: string): Promise<number> {
  const text = await page.locator(`tr[data-queue="${queue}"] [data-col="${column}"]`).textContent();
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}

describe('console in a real browser over the EMR scenario on SQLite', () => {
  let dir: string;
  let kms: LocalKms;
  let broker: EngineBroker;
  let server: ConsoleServer;
  let browser: Browser | undefined;
  let scenario: ScenarioRun;

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

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'sealbus-console-e2e-'));
    const path = join(dir, 'emr.db');
    kms = LocalKms.openSqlite({ path });
    broker = createSqliteBroker({ path, kms });
    server = await startConsoleServer({ broker, kms, port: 0 });
    scenario = await runEmrScenario(path, 200, 400);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await broker?.close();
    await kms?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the integration queues, peeks a sealed DLQ message, redrives it and sees the counts change', async () => {
    // The demo exits 0 only when its own summary adds up.
    expect(scenario.code, `EMR scenario failed:\n${scenario.output}`).toBe(0);
    const context = await (await launchBrowser()).newContext({
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));

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
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'queues-1280x800.png') });

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
    expect(await page.locator('pre.body').count()).toBe(0);
    await page.locator('#messages-heading').evaluate((heading) => heading.scrollIntoView());
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'dlq-peek-1280x800.png') });

    // The explicit decrypt action opens one body in place, as the console principal.
    await firstMessage.getByRole('button', { name: /^Decrypt/ }).click();
    await expect.poll(() => firstMessage.locator('pre.body').count(), LIVE).toBe(1);
    expect(await firstMessage.textContent()).toContain('Decrypted by sealbus-console');
    expect(await page.locator('pre.body').count()).toBe(1);
    const decrypts = await kms.auditLog({ operation: 'Decrypt' });
    expect(
      decrypts.some((entry) => entry.principal === 'sealbus-console' && entry.result === 'ok'),
    ).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'dlq-decrypted-1280x800.png') });
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
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'dlq-redriven-1280x800.png') });

    await page.getByRole('link', { name: 'Queues', exact: true }).click();
    await expect.poll(() => cellNumber(page, source!, 'dlq-depth'), LIVE).toBe(0);
    expect(await cellNumber(page, source!, 'visible')).toBe(sourceVisible + dlqDepth);

    await page.getByRole('link', { name: 'Topics' }).click();
    await expect.poll(() => page.locator('svg.fanout rect').count(), LIVE).toBe(7);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'topics-1280x800.png') });

    await page.getByRole('link', { name: 'Keys & audit' }).click();
    await expect.poll(() => page.locator('#kms-chart canvas').count(), LIVE).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'keys-1280x800.png') });
    await page.locator('#activity-heading').evaluate((heading) => heading.scrollIntoView());
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'kms-chart-1280x800.png') });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('fits a narrow window without page-wide horizontal scrolling', async () => {
    const context = await (await launchBrowser()).newContext({
      viewport: { width: 400, height: 800 },
    });
    const page = await context.newPage();
    for (const [path, name] of [
      ['/queues', 'queues-narrow.png'],
      ['/queues/Billing-Integration-DLQ', 'dlq-narrow.png'],
      ['/keys', 'keys-narrow.png'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(ARTIFACTS_DIR, name), fullPage: path !== '/keys' });
    }
    await context.close();
  });
});
