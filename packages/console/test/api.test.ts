import { request } from 'node:http';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleServer } from '../src/index.js';
import { ConsoleClient } from './support/ConsoleClient.js';
import { CONSOLE_PRINCIPAL, SECRET_BODY, XSS } from './support/seedBroker.js';
import { startTestConsole, type TestConsole } from './support/startTestConsole.js';

const HTMX = { 'hx-request': 'true' };

/** GET with a chosen Host header, which fetch does not let a caller set. */
function getWithHost(
  origin: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('console API without an access token (loopback)', () => {
  let t: TestConsole;
  let client: ConsoleClient;

  beforeAll(async () => {
    t = await startTestConsole();
    client = new ConsoleClient(t.origin);
    await client.get('/console/queues');
  });
  afterAll(async () => {
    await t.close();
  });

  it('redirects the root and / to the queues page', async () => {
    const root = await client.get('/console');
    expect(root.status).toBe(303);
    expect(root.headers.get('location')).toBe('/console/queues');
    const slash = await fetch(`${t.origin}/`, { redirect: 'manual' });
    expect(slash.headers.get('location')).toBe('/console/queues');
  });

  it('serves the queues page with depths, DLQ depth, SSE keys and strict security headers', async () => {
    const response = await client.get('/console/queues');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = await response.text();
    expect(page).toContain('<main id="main"');
    expect(page).toMatch(
      /<tr data-queue="Orders">[\s\S]*?data-col="visible">1<[\s\S]*?Orders-DLQ<\/a>: <span class="num" data-col="dlq-depth">1</,
    );
    expect(page).toContain('<code>alias/vault</code>');
    expect(page).toContain('hx-get="/console/queues?part=rows"');
  });

  it('sets an HttpOnly SameSite=Strict session cookie scoped to the console', async () => {
    const response = await fetch(`${t.origin}/console/queues`);
    const cookie = response.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(
      /^sealbus_console_session=[A-Za-z0-9_-]{22}; Path=\/console; HttpOnly; SameSite=Strict$/,
    );
  });

  it('answers the live-refresh fragment with table rows only', async () => {
    const response = await client.get('/console/queues?part=rows', HTMX);
    const fragment = await response.text();
    expect(fragment.trimStart().startsWith('<tr')).toBe(true);
    expect(fragment).not.toContain('<html');
  });

  it('peeks a queue without changing visibility and never shows a body', async () => {
    const before = await (await t.broker.getQueue('Orders')).getAttributes();
    const response = await client.get('/console/queues/Orders');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(`data-message-id="${t.seeded.sealedId}"`);
    expect(page).toContain('badge-sealed">sealed');
    expect(page).toContain(t.seeded.openKeyArn);
    expect(page).toContain('envelope v2');
    expect(page).not.toContain('patient 4711');
    expect(page).not.toContain(SECRET_BODY);
    const after = await (await t.broker.getQueue('Orders')).getAttributes();
    expect(after.ApproximateNumberOfMessages).toBe(before.ApproximateNumberOfMessages);
    expect(after.ApproximateNumberOfMessagesNotVisible).toBe(0);
    const [peeked] = await t.broker.peek('Orders');
    expect(peeked?.receiveCount).toBe(0);
  });

  it('escapes attribute values and filter policies (no XSS from broker data)', async () => {
    const detail = await (await client.get('/console/queues/Orders')).text();
    expect(detail).not.toContain(XSS);
    expect(detail).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    const topics = await (await client.get('/console/topics')).text();
    expect(topics).not.toContain('<img src=x');
    expect(topics).toContain('&lt;img src=x onerror=\\&quot;alert(1)\\&quot;&gt;');
  });

  it('answers the summary fragment and 404 for an unknown queue', async () => {
    const summary = await (await client.get('/console/queues/Orders?part=summary', HTMX)).text();
    expect(summary).toContain('<dl class="counters"');
    const missing = await client.get('/console/queues/Nope');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('QueueDoesNotExist');
  });

  it('pages peeked messages with an after cursor', async () => {
    const orders = await t.broker.getQueue('Plain');
    for (let i = 0; i < 55; i++) await orders.send(`filler ${i}`);
    const first = await (await client.get('/console/queues/Plain')).text();
    const next = /href="\/console\/queues\/Plain\?after=([^"]+)" rel="next"/.exec(first)?.[1];
    expect(next).toBeDefined();
    const second = await (await client.get(`/console/queues/Plain?after=${next}`)).text();
    expect(second.match(/data-message-id=/g)).toHaveLength(6);
  });

  it('refuses the decrypt action without a CSRF token and calls no KMS', async () => {
    const before = (await t.kms.auditLog({ operation: 'Decrypt' })).length;
    const response = await client.post(
      `/console/queues/Orders/messages/${t.seeded.sealedId}/body`,
      {},
      { csrf: null },
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('CSRF');
    expect((await t.kms.auditLog({ operation: 'Decrypt' })).length).toBe(before);
  });

  it('refuses a CSRF token of another session', async () => {
    const stranger = new ConsoleClient(t.origin);
    await stranger.get('/console/queues');
    const response = await client.post(
      `/console/queues/Orders/messages/${t.seeded.sealedId}/body`,
      {},
      { csrf: stranger.csrfToken ?? '' },
    );
    expect(response.status).toBe(403);
  });

  it('refuses a POST whose first request brings no session cookie', async () => {
    const fresh = new ConsoleClient(t.origin);
    const response = await fresh.post(
      `/console/queues/Orders/messages/${t.seeded.sealedId}/body`,
      {},
      { csrf: client.csrfToken ?? '' },
    );
    expect(response.status).toBe(403);
  });

  it('refuses a cross-site POST even with a valid token', async () => {
    const response = await client.post(
      `/console/queues/Orders/messages/${t.seeded.sealedId}/body`,
      {},
      { headers: { origin: 'http://evil.example' } },
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Cross-site');
  });

  it('sends Referrer-Policy same-origin, so its own form POSTs carry an Origin (no-referrer makes Chromium send "null")', async () => {
    const response = await client.get('/console/queues');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('refuses a POST with Origin null (a no-referrer page or sandboxed frame elsewhere) and accepts its own origin', async () => {
    const path = `/console/queues/Orders/messages/${t.seeded.sealedId}/body`;
    const opaque = await client.post(path, {}, { headers: { origin: 'null', ...HTMX } });
    expect(opaque.status).toBe(403);
    expect(await opaque.text()).toBe(
      'Cross-site POST refused: console actions must come from the console itself.',
    );
    // Refused before any session cookie is minted: another site cannot sign the user out.
    expect(opaque.headers.getSetCookie()).toEqual([]);
    const own = await client.post(path, {}, { headers: { origin: t.origin, ...HTMX } });
    expect(own.status).toBe(200);
  });

  it('decrypts on the explicit action and writes a KMS audit entry for the console principal', async () => {
    const since = new Date();
    const response = await client.post(
      `/console/queues/Orders/messages/${t.seeded.sealedId}/body`,
      {},
      { headers: HTMX },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const fragment = await response.text();
    expect(fragment).toContain(
      'patient 4711: &lt;b&gt;diagnosis&lt;/b&gt; &amp; &quot;notes&quot;',
    );
    const audit = await t.kms.auditLog({
      operation: 'Decrypt',
      since,
      keyArn: t.seeded.openKeyArn,
    });
    const entry = audit.find((e) => e.principal === CONSOLE_PRINCIPAL);
    expect(entry).toMatchObject({
      operation: 'Decrypt',
      principal: CONSOLE_PRINCIPAL,
      keyArn: t.seeded.openKeyArn,
      result: 'ok',
      encryptionContext: { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:Orders' },
      // Without an access token whoever reaches the console is on loopback, and KMS says so.
      onBehalfOf: 'loopback',
    });
  });

  it('audits every decrypt action, even of the same message again', async () => {
    const count = async () =>
      (await t.kms.auditLog({ operation: 'Decrypt' })).filter(
        (e) => e.principal === CONSOLE_PRINCIPAL,
      ).length;
    const before = await count();
    await client.post(
      `/console/queues/Orders/messages/${t.seeded.sealedId}/body`,
      {},
      { headers: HTMX },
    );
    await client.post(
      `/console/queues/Orders/messages/${t.seeded.sealedId}/body`,
      {},
      { headers: HTMX },
    );
    expect(await count()).toBe(before + 2);
  });

  it('decrypts a dead-lettered message under its source queue context', async () => {
    const response = await client.post(
      `/console/queues/Orders-DLQ/messages/${t.seeded.deadLetteredId}/body`,
      {},
      { headers: HTMX },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('dead letter body');
  });

  it('decrypts an SSE-SQS message under the AWS managed key', async () => {
    const page = await (await client.get('/console/queues')).text();
    expect(page).toMatch(/<tr data-queue="Managed">[\s\S]*?badge-sealed">SSE-SQS</);
    const response = await client.post(
      `/console/queues/Managed/messages/${t.seeded.managedId}/body`,
      {},
      { headers: HTMX },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('managed key body');
  });

  it('denies decrypt cleanly when the key policy denies the console, and audits the refusal', async () => {
    const since = new Date();
    const response = await client.post(
      `/console/queues/Vault/messages/${t.seeded.deniedId}/body`,
      {},
      { headers: HTMX },
    );
    expect(response.status).toBe(403);
    const fragment = await response.text();
    expect(fragment).toContain('Decrypt denied (KMS.AccessDeniedException)');
    expect(fragment).not.toContain('vault secret');
    // Filtered by key too: an entry of the previous test can share this millisecond.
    const audit = await t.kms.auditLog({
      operation: 'Decrypt',
      since,
      keyArn: t.seeded.closedKeyArn,
    });
    expect(audit.find((e) => e.principal === CONSOLE_PRINCIPAL)).toMatchObject({
      keyArn: t.seeded.closedKeyArn,
      result: 'error',
      errorCode: 'KMS.AccessDeniedException',
    });
  });

  it('shows a plaintext body only through the same explicit action, without KMS', async () => {
    const page = await (await client.get('/console/queues/Plain')).text();
    expect(page).not.toContain('plain body text');
    const response = await client.post(`/console/queues/Plain/messages/${t.seeded.plainId}/body`);
    expect(response.status).toBe(200);
    const full = await response.text();
    expect(full).toContain('<!doctype html>');
    expect(full).toContain('plain body text');
    expect(full).toContain('Stored in the clear');
  });

  it('answers 404 for the decrypt action on a message that is gone', async () => {
    const response = await client.post(
      '/console/queues/Orders/messages/no-such-id/body',
      {},
      { headers: HTMX },
    );
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('no longer stored');
  });

  it('lists dead-letter queues with their sources', async () => {
    const page = await (await client.get('/console/dlqs')).text();
    expect(page).toMatch(
      /<tr data-queue="Orders-DLQ">[\s\S]*?data-col="visible">1<[\s\S]*?\/console\/queues\/Orders">Orders</,
    );
    expect(page).toContain('action="/console/queues/Orders-DLQ/redrive"');
    const rows = await (await client.get('/console/dlqs?part=rows', HTMX)).text();
    expect(rows.trimStart().startsWith('<tr')).toBe(true);
    expect(rows).toContain('No redrive yet');
  });

  it('shows a dead-lettered message with its receives in the source queue, and its source by name', async () => {
    const page = await (await client.get('/console/queues/Orders-DLQ')).text();
    const row = new RegExp(`<tr data-message-id="${t.seeded.deadLetteredId}">[\\s\\S]*?</tr>`).exec(
      page,
    )?.[0];
    // Orders has maxReceiveCount 1: received once there, then dead-lettered.
    expect(row).toContain(
      '<td class="num" data-col="receives">1<br><span class="muted nowrap">1 in source, 0 here</span></td>',
    );
    expect(row).toContain('<a href="/console/queues/Orders" title="arn:aws:sqs:');
    expect(page).toContain('Redrive<span> Orders-DLQ to source</span>');
  });

  it('refuses a redrive without a CSRF token', async () => {
    const response = await client.post('/console/queues/Orders-DLQ/redrive', {}, { csrf: null });
    expect(response.status).toBe(403);
    expect(
      await t.broker.listMessageMoveTasks((await t.broker.getQueue('Orders-DLQ')).arn),
    ).toEqual([]);
  });

  it('refuses to redrive a queue that is no dead-letter queue', async () => {
    const response = await client.post('/console/queues/Vault/redrive', {}, { headers: HTMX });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('is not a dead-letter queue');
  });

  it('refuses a redrive rate out of range, naming the limit', async () => {
    const response = await client.post(
      '/console/queues/Orders-DLQ/redrive',
      { maxPerSecond: '9999' },
      { headers: HTMX },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('from 1 to 500');
  });

  it('redrives a DLQ back to its source through a move task and reports progress', async () => {
    const response = await client.post('/console/queues/Orders-DLQ/redrive', {}, { headers: HTMX });
    expect(response.status).toBe(202);
    expect(response.headers.get('hx-trigger')).toBe('sealbus:refresh');
    expect(await response.text()).toContain('Redrive of Orders-DLQ started');
    const done = await waitFor(async () => {
      const fragment = await (
        await client.get('/console/queues/Orders-DLQ/move-task', HTMX)
      ).text();
      return fragment.includes('COMPLETED') ? fragment : undefined;
    }, 'the move task to complete');
    expect(done).toContain('<progress max="100" value="100"');
    expect(done).toContain('COMPLETED: 1 of 1 moved');
    const orders = await (await t.broker.getQueue('Orders')).getAttributes();
    const dlq = await (await t.broker.getQueue('Orders-DLQ')).getAttributes();
    expect(dlq.ApproximateNumberOfMessages).toBe(0);
    expect(orders.ApproximateNumberOfMessages).toBe(2);
  });

  it('redirects a redrive without htmx back to the queue page', async () => {
    const response = await client.post('/console/queues/Orders-DLQ/redrive');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console/queues/Orders-DLQ');
  });

  it('offers no redrive for an empty DLQ and never shows a full bar for nothing moved', async () => {
    await waitFor(async () => {
      const [task] = await t.broker.listMessageMoveTasks(
        (await t.broker.getQueue('Orders-DLQ')).arn,
      );
      return task?.status === 'COMPLETED' ? task : undefined;
    }, 'the empty redrive to complete');
    for (const path of ['/console/queues/Orders-DLQ', '/console/dlqs']) {
      const page = await (await client.get(path)).text();
      expect(page, path).toContain('Nothing to redrive: Orders-DLQ is empty.');
      expect(page, path).not.toContain('action="/console/queues/Orders-DLQ/redrive"');
      expect(page, path).toContain('COMPLETED: nothing to move, the queue was empty');
      expect(page, path).not.toContain('<progress');
    }
  });

  it('draws the topic fanout as SVG with filter-policy edge labels', async () => {
    const page = await (await client.get('/console/topics')).text();
    expect(page).toContain('<svg class="fanout"');
    expect(page).toMatch(/<rect class="node node-topic"[^>]*\/><text[^>]*>Events<\/text>/);
    expect(page).toContain('aria-label="Dead-letter queue Orders-DLQ"');
    expect(page).toContain('filter: kind');
    expect(page).toContain('after 1 receives');
  });

  it('shows keys with state, aliases, rotation, policy principals and console decrypt rights', async () => {
    await t.kms.enableKeyRotation(t.seeded.openKeyArn, 90);
    const page = await (await client.get('/console/keys')).text();
    expect(page).toMatch(
      /<code>alias\/orders<\/code>[\s\S]*?Enabled[\s\S]*?every 90 days[\s\S]*?badge-allow">allowed/,
    );
    expect(page).toMatch(
      /<code>alias\/vault<\/code>[\s\S]*?badge-deny">Deny<\/span> sealbus-console → <code>kms:Decrypt[\s\S]*?badge-deny">denied/,
    );
    expect(page).toContain('<script type="application/json" id="kms-chart-data">');
    expect(page).toContain('/console/assets/uPlot.iife.min.js');
  });

  it('shows each key spec and usage, asymmetric and HMAC keys included', async () => {
    const signing = await t.kms.createKey({ keySpec: 'ECC_NIST_P256', description: 'rx-signing' });
    const page = await (await client.get('/console/keys')).text();
    expect(page).toMatch(/<code>alias\/orders<\/code>[\s\S]*?SYMMETRIC_DEFAULT · ENCRYPT_DECRYPT/);
    expect(page).toMatch(new RegExp(`${signing.arn}[\\s\\S]*?ECC_NIST_P256 · SIGN_VERIFY`));
  });

  it('charts KMS calls against the cost formula from the audit log', async () => {
    const page = await (await client.get('/console/keys')).text();
    const json = /<script type="application\/json" id="kms-chart-data">(.*?)<\/script>/.exec(
      page,
    )?.[1];
    const data = JSON.parse(json ?? 'null') as {
      times: number[];
      generateDataKey: number[];
      decrypt: number[];
      formula: number[];
    };
    expect(data.times.length).toBeGreaterThan(0);
    expect(data.generateDataKey.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(data.decrypt.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(data.formula.every((v) => v > 0)).toBe(true);
    expect(page).toMatch(/<th scope="row">queue Orders<\/th><td class="num">300<\/td>/);
  });

  it('filters the audit log by operation and key', async () => {
    const page = await (
      await client.get(
        `/console/keys?operation=Decrypt&keyArn=${encodeURIComponent(t.seeded.closedKeyArn)}`,
      )
    ).text();
    const rows = page.match(/<tr data-operation="[^"]+"/g) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows)).toEqual(new Set(['<tr data-operation="Decrypt"']));
    expect(page).toContain('KMS.AccessDeniedException');
  });

  it('writes no audit entry of its own when the keys page is viewed', async () => {
    await client.get('/console/keys');
    const before = (await t.kms.auditLog({ limit: 100_000 })).length;
    for (let i = 0; i < 3; i++) expect((await client.get('/console/keys')).status).toBe(200);
    expect((await t.kms.auditLog({ limit: 100_000 })).length).toBe(before);
  });

  it('shows console decrypt as refused for a disabled key, whatever its policy allows', async () => {
    const key = await t.kms.createKey({ description: 'switched off' });
    await t.kms.disableKey(key.keyId);
    const page = await (await client.get('/console/keys')).text();
    const row = new RegExp(`<tr data-key="${key.keyId}">[\\s\\S]*?</tr>`).exec(page)?.[0];
    expect(row).toContain('badge-deny">Disabled</span>');
    expect(row).toContain(
      '<td data-col="console-decrypt"><span class="badge badge-deny">refused</span><br><span class="muted">the key is Disabled</span></td>',
    );
    expect(row).not.toContain('allowed');
  });

  it('pages the audit log 25 calls at a time, newest first, each page older than the last', async () => {
    // Alternating keys: no two calls in a row are identical, so none are folded.
    for (let i = 0; i < 50; i++) {
      await t.kms.describeKey(i % 2 === 0 ? t.seeded.openKeyArn : t.seeded.closedKeyArn);
    }
    const ids = (page: string) =>
      [...page.matchAll(/data-audit-id="(\d+)"/g)].map((match) => Number(match[1]));
    const first = await (await client.get('/console/keys')).text();
    const firstIds = ids(first);
    expect(firstIds).toHaveLength(25);
    expect(firstIds).toEqual([...firstIds].sort((a, b) => b - a));
    const older = /href="(\/console\/keys\?before=\d+)#audit-heading" rel="next"/.exec(first)?.[1];
    expect(older).toBe(`/console/keys?before=${firstIds[24]}`);
    const second = await (await client.get(older!)).text();
    const secondIds = ids(second);
    expect(secondIds).toHaveLength(25);
    expect(Math.max(...secondIds)).toBeLessThan(Math.min(...firstIds));
    expect(second).toContain('>Newest calls</a>');
    const bad = await client.get('/console/keys?before=abc');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('before must be an audit entry id');
  });

  it('folds identical calls in a row into one audit row with their count, and filters by result', async () => {
    await t.kms.describeKey(t.seeded.openKeyArn);
    for (let i = 0; i < 7; i++) await t.kms.describeKey(t.seeded.closedKeyArn);
    const page = await (await client.get('/console/keys')).text();
    const first = /<tr data-operation="DescribeKey"[\s\S]*?<\/tr>/.exec(page)?.[0];
    expect(first).toContain('DescribeKey <span class="badge" title="7 identical calls from ');
    expect(first).toContain('>×7</span>');
    expect(first).toContain('<code title="' + t.seeded.closedKeyArn + '">alias/vault</code>');
    const refused = await (await client.get('/console/keys?result=error')).text();
    const auditTable = refused.slice(refused.indexOf('<table class="audit">'));
    const results = auditTable.match(/badge-(allow|deny)">[^<]+<\/span><\/td>\n<\/tr>/g) ?? [];
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((cell) => cell.startsWith('badge-deny'))).toBe(true);
    expect(refused).toContain('<option value="error" selected>refused or failed</option>');
  });

  it('serves library assets from node_modules and nothing outside the asset list', async () => {
    const htmx = await client.get('/console/assets/htmx.min.js');
    expect(htmx.status).toBe(200);
    expect(htmx.headers.get('content-type')).toContain('text/javascript');
    expect(await htmx.text()).toContain('htmx');
    expect((await client.get('/console/assets/uPlot.min.css')).status).toBe(200);
    expect((await client.get('/console/assets/console.js')).status).toBe(200);
    expect((await client.get('/console/assets/..%2Fpackage.json')).status).toBe(404);
    expect((await client.get('/console/assets/constructor')).status).toBe(404);
  });

  it('refuses an oversized form body, naming the limit', async () => {
    const response = await client.post(
      '/console/queues/Orders-DLQ/redrive',
      { pad: 'x'.repeat(20_000) },
      { headers: HTMX },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('larger than 16384 bytes');
  });

  it('answers 404 for unknown pages and 405 for the wrong method', async () => {
    expect((await client.get('/console/nope')).status).toBe(404);
    const wrong = await client.get('/console/queues/Orders-DLQ/redrive');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('refuses non-loopback Host names when it has no access token (DNS rebinding)', async () => {
    const response = await getWithHost(t.origin, '/console/queues', { host: 'evil.example' });
    expect(response.status).toBe(403);
    expect(response.body).toContain('access token');
    const local = await getWithHost(t.origin, '/console/queues', { host: 'localhost:1234' });
    expect(local.status).toBe(200);
  });
});

describe('console API with an access token', () => {
  const TOKEN = 'test-token-0123456789abcdef';
  let t: TestConsole;

  beforeAll(async () => {
    t = await startTestConsole({ accessToken: TOKEN });
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends a browser without a token to the login form', async () => {
    const client = new ConsoleClient(t.origin);
    const response = await client.get('/console/queues/Orders', { accept: 'text/html' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      '/console/login?next=%2Fconsole%2Fqueues%2FOrders',
    );
  });

  it('rejects every endpoint without a token with 401 and a Bearer challenge', async () => {
    for (const path of [
      '/console/queues?part=rows',
      '/console/dlqs',
      '/console/topics',
      '/console/keys',
      '/console/deliveries',
      '/console/queues/Orders/move-task',
    ]) {
      const response = await fetch(`${t.origin}${path}`);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="sealbus-console"');
    }
    const client = new ConsoleClient(t.origin);
    await client.get('/console/login');
    const post = await client.post(`/console/queues/Orders/messages/${t.seeded.sealedId}/body`);
    expect(post.status).toBe(401);
    const redrive = await client.post('/console/queues/Orders-DLQ/redrive');
    expect(redrive.status).toBe(401);
  });

  it('rejects a wrong Bearer token and accepts the right one, on any host name', async () => {
    const wrong = await fetch(`${t.origin}/console/queues`, {
      headers: { authorization: 'Bearer wrong-token-wrong-token' },
    });
    expect(wrong.status).toBe(401);
    const right = await getWithHost(t.origin, '/console/queues', {
      authorization: `Bearer ${TOKEN}`,
      host: 'console.example:8080',
    });
    expect(right.status).toBe(200);
  });

  it('still needs CSRF on POSTs made with a Bearer token', async () => {
    const client = new ConsoleClient(t.origin, { authorization: `Bearer ${TOKEN}` });
    await client.get('/console/queues/Orders');
    const without = await client.post(
      `/console/queues/Orders/messages/${t.seeded.sealedId}/body`,
      {},
      { csrf: null },
    );
    expect(without.status).toBe(403);
    const withToken = await client.post(
      `/console/queues/Orders/messages/${t.seeded.sealedId}/body`,
      {},
      { headers: HTMX },
    );
    expect(withToken.status).toBe(200);
    const [last] = await t.kms.auditLog({ operation: 'Decrypt', limit: 1 });
    expect(last).toMatchObject({ principal: CONSOLE_PRINCIPAL, onBehalfOf: 'bearer' });
  });

  it('signs in through the login form, then signs out', async () => {
    const client = new ConsoleClient(t.origin);
    const form = await client.get('/console/login?next=%2Fconsole%2Fkeys');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<label for="token">Access token</label>');
    const noCsrf = await client.post('/console/login', { token: TOKEN }, { csrf: null });
    expect(noCsrf.status).toBe(403);
    const wrong = await client.post('/console/login', {
      token: 'not-the-token-at-all',
      next: '/console/keys',
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('not right');
    const right = await client.post('/console/login', { token: TOKEN, next: '/console/keys' });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/console/keys');
    expect(right.headers.getSetCookie()[0]).toMatch(
      /^sealbus_console_auth=[^;]+; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    const page = await client.get('/console/queues');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign out');
    const out = await client.post('/console/logout');
    expect(out.status).toBe(303);
    expect(client.cookie('sealbus_console_auth')).toBeUndefined();
    expect((await client.get('/console/queues?part=rows')).status).toBe(401);
  });

  it('never redirects a login to another origin', async () => {
    const client = new ConsoleClient(t.origin);
    await client.get('/console/login');
    for (const next of [
      'https://evil.example/',
      '//evil.example/console/',
      '/console\\@evil.example',
    ]) {
      const response = await client.post('/console/login', { token: TOKEN, next });
      expect(response.headers.get('location'), next).toBe('/console/queues');
    }
  });

  it('does not accept the auth cookie with another session', async () => {
    const client = new ConsoleClient(t.origin);
    await client.get('/console/login');
    await client.post('/console/login', { token: TOKEN, next: '/console/queues' });
    const auth = client.cookie('sealbus_console_auth') ?? '';
    const response = await fetch(`${t.origin}/console/queues?part=rows`, {
      headers: {
        cookie: `sealbus_console_session=AAAAAAAAAAAAAAAAAAAAAA; sealbus_console_auth=${auth}`,
      },
    });
    expect(response.status).toBe(401);
  });
});

describe('console over an empty broker', () => {
  it('names the CLI commands that create what is missing, never API calls', async () => {
    const kms = new LocalKms();
    const broker = createMemoryBroker({ kms });
    const server = await startConsoleServer({ broker, kms, port: 0 });
    try {
      const client = new ConsoleClient(new URL(server.url).origin);
      const text = async (path: string) => (await client.get(path)).text();
      expect(await text('/console/queues')).toContain(
        'Create one with <code>sealbus queue create NAME</code>.',
      );
      expect(await text('/console/dlqs')).toContain(
        '<code>sealbus queue create NAME --dlq NAME-dlq --max-receive-count 3</code>',
      );
      expect(await text('/console/topics')).toContain('<code>sealbus topic create NAME</code>');
      expect(await text('/console/keys')).toContain(
        '<code>sealbus keys create --alias alias/NAME</code>',
      );
      const missing = await client.get('/console/queues/Nope');
      expect(missing.status).toBe(404);
      const page = await missing.text();
      expect(page).toContain('create this one with &quot;sealbus queue create Nope&quot;');
      expect(page).not.toContain('createQueue');
    } finally {
      await server.close();
      await broker.close();
      await kms.close();
    }
  });
});

describe('recorded deliveries page', () => {
  let t: TestConsole;
  let client: ConsoleClient;
  const west = createMemoryBroker({ region: 'eu-west-1' });

  beforeAll(async () => {
    t = await startTestConsole({ otherRegions: () => [{ region: 'eu-west-1', broker: west }] });
    client = new ConsoleClient(t.origin);
    const alerts = await t.broker.createTopic('Alerts');
    await alerts.subscribe({ protocol: 'sms', endpoint: '+447700900125' });
    await alerts.publish(XSS);
    // The vault key's policy denies the console kms:Decrypt.
    const sealed = await t.broker.createTopic('Sealed', { KmsMasterKeyId: 'alias/vault' });
    await sealed.subscribe({ protocol: 'sms', endpoint: '+447700900126' });
    await sealed.publish(SECRET_BODY);
    const pager = await west.createTopic('Pager');
    await pager.subscribe({ protocol: 'sms', endpoint: '+353870000001' });
    await pager.publish('west wing');
  });
  afterAll(async () => {
    await t.close();
    await west.close();
  });

  it('lists every region deliveries with protocol, endpoint, topic, kind, region and the body escaped', async () => {
    const response = await client.get('/console/deliveries');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('3 recorded deliveries');
    expect(page).toMatch(/<td>eu-west-1<\/td>\s*<td>sms<\/td>\s*<td><code>\+353870000001<\/code>/);
    expect(page).toContain('arn:aws:sns:us-east-1:000000000000:Alerts');
    expect(page).toContain('<td>Notification</td>');
    // Broker data never becomes markup.
    expect(page).not.toContain(XSS);
    expect(page).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('withholds an encrypted topic body when the key policy denies the console kms:Decrypt, and audits the check', async () => {
    const page = await (await client.get('/console/deliveries?endpoint=%2B447700900126')).text();
    expect(page).toContain('1 recorded delivery');
    expect(page).toContain('withheld: KMS.AccessDeniedException');
    expect(page).not.toContain('diagnosis');
    const checks = await t.kms.auditLog({
      keyArn: t.seeded.closedKeyArn,
      operation: 'AuthorizeKeyUse',
    });
    expect(checks.at(-1)).toMatchObject({
      principal: CONSOLE_PRINCIPAL,
      result: 'error',
      onBehalfOf: 'loopback',
    });
  });

  it('filters by region and refuses a region the process does not have open, naming the field', async () => {
    const west = await (await client.get('/console/deliveries?region=eu-west-1')).text();
    expect(west).toContain('1 recorded delivery');
    expect(west).toContain('west wing');
    expect(west).not.toContain('+447700900125');
    const refused = await client.get('/console/deliveries?region=moon-1');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('region must be one this process has open');
  });
});
