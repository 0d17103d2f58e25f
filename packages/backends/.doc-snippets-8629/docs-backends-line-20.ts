// before
import { createSqliteBroker } from '@sealbus/sqlite';

const broker = createSqliteBroker({ path: './.sealbus/app.db' });
