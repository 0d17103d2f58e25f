import { createSqliteBroker } from '@sealbus/sqlite';
import { sqliteBrokerModule } from '@sealbus/sqlite/inversify';
import { Container } from 'inversify';

const container = new Container();

const broker = createSqliteBroker({ path: './sealbus.db' }); // or ':memory:'
const queue = await broker.createQueue('orders'); // SSE-SQS on by default
await queue.send('hello');

container.load(sqliteBrokerModule({ path: './sealbus.db' })); // binds TOKENS.Broker, TOKENS.KeyProvider
