export { parseCredentials } from './auth/credentials.js';
export {
  type GatewayCliOptions,
  gatewayUsage,
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
