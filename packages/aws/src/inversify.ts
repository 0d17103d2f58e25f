// `@sealbus/aws/inversify`: the container module, apart so that `createAwsBroker` users never
// load inversify (an optional peer dependency).
export { awsBrokerModule } from './awsBrokerModule.js';
