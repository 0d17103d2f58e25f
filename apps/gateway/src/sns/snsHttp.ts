import type { SnsHttpOptions } from '@sealbus/broker-engine';
import type { SigningIdentity } from './signingIdentity.js';

/** What the broker and the gateway share for SNS http/https delivery. */
export interface GatewaySnsHttp {
  /** For the broker's `snsHttp` option. */
  readonly brokerOptions: SnsHttpOptions;
  readonly identity: SigningIdentity;
  /** The gateway calls this once it listens: links in messages point at it. */
  bind(serviceUrl: string): void;
}

export type GatewaySnsHttpOptions = Omit<SnsHttpOptions, 'signer' | 'serviceUrl'>;

export function gatewaySnsHttp(
  identity: SigningIdentity,
  options: GatewaySnsHttpOptions = {},
): GatewaySnsHttp {
  let serviceUrl = '';
  return {
    identity,
    brokerOptions: { ...options, signer: identity.signer, serviceUrl: () => serviceUrl },
    bind(url) {
      serviceUrl = url;
    },
  };
}
