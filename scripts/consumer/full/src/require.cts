// CommonJS: Node >= 20.19 require()s the ESM-only packages; the types agree.
import memory = require('@sealbus/memory');
import sqlite = require('@sealbus/sqlite');

async function main(): Promise<void> {
  const broker = memory.createMemoryBroker();
  const queue = await broker.createQueue('cjs');
  await queue.send('from require()');
  const [message] = await queue.receive();
  if (message?.body !== 'from require()') throw new Error('require(): round trip failed');
  await broker.close();
  const durable = sqlite.createSqliteBroker({ path: ':memory:' });
  await durable.close();
  console.log('require(): @sealbus/memory and @sealbus/sqlite ok');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
