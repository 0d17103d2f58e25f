// CommonJS: Node >= 20.19 require()s the ESM-only packages (none uses top-level await, which
// require() refuses); the types agree.
import aws = require('@sealbus/aws');
import awsBackend = require('@sealbus/aws/backend');
import backends = require('@sealbus/backends');
import core = require('@sealbus/core');
import gateway = require('@sealbus/gateway');
import kmsLocal = require('@sealbus/kms-local');
import kmsSqlite = require('@sealbus/kms-local/sqlite');
import memory = require('@sealbus/memory');
import memoryBackend = require('@sealbus/memory/backend');
import sqlite = require('@sealbus/sqlite');
import sqliteBackend = require('@sealbus/sqlite/backend');
import worker = require('@sealbus/worker');

async function main(): Promise<void> {
  const entryPoints = {
    aws: aws.createAwsBroker,
    awsBackend: awsBackend.backend.open,
    backends: backends.createBroker,
    core: core.isSealbusError,
    gateway: gateway.createGateway,
    kmsLocal: kmsLocal.LocalKms,
    kmsSqlite: kmsSqlite.openSqliteKms,
    memoryBackend: memoryBackend.backend.open,
    sqlite: sqlite.createSqliteBroker,
    sqliteBackend: sqliteBackend.backend.open,
    worker: worker.Worker,
  };
  for (const [name, value] of Object.entries(entryPoints)) {
    if (typeof value !== 'function') throw new Error(`require(): ${name} exports nothing`);
  }
  const broker = memory.createMemoryBroker();
  const queue = await broker.createQueue('cjs');
  await queue.send('from require()');
  const [message] = await queue.receive();
  if (message?.state !== 'open' || message.body !== 'from require()') {
    throw new Error('require(): round trip failed');
  }
  await broker.close();
  const durable = sqlite.createSqliteBroker({ path: ':memory:' });
  await durable.close();
  console.log(`require(): ${Object.keys(entryPoints).length + 1} packages load from CommonJS`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
