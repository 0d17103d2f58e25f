// `@sealbus/worker/inversify`: handlers resolved from an inversify container, apart so that
// `new Worker(...)` users never load inversify (an optional peer dependency).
export {
  createWorkerFromContainer,
  type HandlerBinding,
  type Resolver,
  registerHandlers,
  WORKER_TOKEN,
  WorkerModule,
} from './di/WorkerModule.js';
