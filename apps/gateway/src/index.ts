export { parseCredentials } from './auth/credentials.js';
export {
  createGateway,
  DEFAULT_GATEWAY_HOST,
  DEFAULT_GATEWAY_PORT,
  DEFAULT_MAX_BODY_BYTES,
  type Gateway,
  type GatewayOptions,
} from './gateway.js';
