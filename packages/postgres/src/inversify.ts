// `@sealbus/postgres/inversify`: the container module, apart so that `createPostgresBroker` users
// never load inversify (an optional peer dependency).
export { postgresBrokerModule } from './postgresBrokerModule.js';
