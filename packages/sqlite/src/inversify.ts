// `@sealbus/sqlite/inversify`: the container module, apart so that `createSqliteBroker` users
// never load inversify (an optional peer dependency).
export { sqliteBrokerModule } from './sqliteBrokerModule.js';
