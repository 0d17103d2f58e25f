import { startConsoleServer } from '@sealbus/console';
import { openSqliteKms } from '@sealbus/kms-local/sqlite';
import { createSqliteBroker } from '@sealbus/sqlite';

const kms = openSqliteKms({ path: './.sealbus/dev.db' });
const broker = createSqliteBroker({ path: './.sealbus/dev.db', kms });
const server = await startConsoleServer({ broker, kms, port: 4567 });
console.log(server.url); // http://127.0.0.1:4567/console
