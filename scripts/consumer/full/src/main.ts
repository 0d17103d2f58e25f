// An application outside the sealbus repository, installed from the packed tarballs with npm
// and run with plain node: SQLite SSE, a worker over fanout, inversify, the swap to AWS.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBroker } from '@sealbus/backends';
import { type Broker, TOKENS } from '@sealbus/core';
import { openSqliteKms } from '@sealbus/kms-local/sqlite';
import { createSqliteBroker } from '@sealbus/sqlite';
import { sqliteBrokerModule } from '@sealbus/sqlite/inversify';
import { Container } from 'inversify';
import { check, fanoutToWorker, sseRoundTrip } from './scenarios.js';

const dir = mkdtempSync(join(tmpdir(), 'sealbus-consumer-'));
const secret = 'consumer-plaintext-marker-7c1f';

// 1. SQLite SSE round trip; the plaintext never reaches the file.
const sqlite = createSqliteBroker({ path: join(dir, 'app.db') });
await sseRoundTrip(sqlite, secret);
const handled = await fanoutToWorker(sqlite, 'local');
await sqlite.close();
for (const file of readdirSync(dir)) {
  check(!readFileSync(join(dir, file)).includes(secret), `${file} holds the plaintext`);
}
console.log(`sqlite: SSE round trip, fanout to a worker (${handled} handled)`);

// 2. The same backend through inversify; TOKENS.Broker is typed, no cast.
const container = new Container();
const module = sqliteBrokerModule({ path: join(dir, 'di.db') });
container.load(module);
const injected: Broker = container.get(TOKENS.Broker);
await sseRoundTrip(injected, secret);
await container.unloadAsync(module);
console.log('inversify: container.get(TOKENS.Broker) round trip');

// 3. The SQLite key store on its own entry point.
const kms = openSqliteKms({ path: join(dir, 'keys.db') });
const key = await kms.createKey({ description: 'consumer' });
check(key.keyId.length > 0, 'openSqliteKms created no key');
await kms.close();

// 4. The swap to AWS: the same code against `npx @sealbus/gateway`, through the AWS SDK.
// `--` keeps npm from reading the gateway's flags as its own; `--no` refuses to download.
const npx = ['--no', '--', '@sealbus/gateway', '--backend', 'memory', '--port', '0'];
// Its own process group: npx runs the bin in a shell and does not pass SIGTERM on.
const gateway = spawn('npx', npx, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
try {
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    gateway.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    gateway.on('exit', (code) => reject(new Error(`gateway exited (${code}): ${out}`)));
  });
  const aws = await createBroker(
    { backend: 'aws', region: 'us-east-1', endpoint: url },
    { credentials: { accessKeyId: 'AKIDCONSUMER', secretAccessKey: 'consumer-secret' } },
  );
  await sseRoundTrip(aws, secret);
  const remote = await fanoutToWorker(aws, 'remote');
  await aws.close();
  console.log(`aws via npx @sealbus/gateway at ${url}: SSE round trip, fanout (${remote})`);
} finally {
  process.kill(-gateway.pid!, 'SIGTERM');
}
console.log('consumer ok');
