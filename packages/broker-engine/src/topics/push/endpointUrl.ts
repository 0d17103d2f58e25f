import { isIP } from 'node:net';
import { describeValue, InvalidParameterError } from '@sealbus/core';

/**
 * Validates an http/https endpoint: a URL of the subscription's own scheme, and (unless
 * `allowNonLoopback`) one that names this machine, so a local broker never posts to the network.
 */
export function checkEndpointUrl(
  protocol: 'http' | 'https',
  endpoint: string,
  allowNonLoopback: boolean,
): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InvalidParameterError('Invalid parameter: Endpoint', { field: 'Endpoint' });
  }
  if (url.protocol !== `${protocol}:`) {
    throw new InvalidParameterError(
      'Invalid parameter: Endpoint must match the specified protocol',
      {
        field: 'Endpoint',
      },
    );
  }
  if (!allowNonLoopback && !isLoopbackHost(url.hostname)) {
    throw new InvalidParameterError(
      `Invalid parameter: Endpoint Reason: ${describeValue(url.hostname)} is not a loopback address; this broker delivers only to 127.0.0.0/8, ::1 and localhost unless allowNonLoopbackEndpoints is set`,
      { field: 'Endpoint' },
    );
  }
  return url;
}

/** Whether `hostname` (as `URL.hostname` spells it) is this machine's loopback. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
