export { parseCredentials } from './auth/credentials.js';
export {
  type GatewayBackend,
  type GatewayBackendKind,
  type GatewayBackendOptions,
  openGatewayBackend,
  regionalPath,
} from './backend.js';
export {
  DEFAULT_SQLITE_PATH,
  GATEWAY_USAGE,
  type GatewayCliOptions,
  parseGatewayCliOptions,
  startupBanner,
} from './cli/options.js';
export { type RunningGateway, startGateway } from './cli/startGateway.js';
export {
  createGateway,
  DEFAULT_GATEWAY_HOST,
  DEFAULT_GATEWAY_PORT,
  DEFAULT_MAX_BODY_BYTES,
  type Gateway,
  type GatewayOptions,
} from './gateway.js';
export {
  type BrokerForRegion,
  DEFAULT_MAX_REGIONS,
} from './regions/regionalServices.js';
