// `@sealbus/memory/inversify`: the container module, apart so that `createMemoryBroker` users
// never load inversify (an optional peer dependency).
export { memoryBrokerModule } from './memoryBrokerModule.js';
