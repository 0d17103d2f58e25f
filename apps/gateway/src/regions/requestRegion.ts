import { SignatureDoesNotMatchError } from '@sealbus/core';
import { readSigV4Credential, type SignableRequest } from '../auth/sigv4.js';

/** AWS region names: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, … */
const AWS_REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/** `sqs.<region>.amazonaws.com`, `sns.<region>.…`, `kms.<region>.…`, and SQS's legacy `<region>.queue.amazonaws.com`. */
const REGIONAL_HOST =
  /^(?:(?:sqs|sns|kms)\.([a-z0-9-]+)|([a-z0-9-]+)\.queue)\.amazonaws\.com(?:\.cn)?(?::\d+)?$/i;

export function isAwsRegionName(value: string): boolean {
  return AWS_REGION.test(value);
}

/**
 * The region a request is for, as AWS routes it: the endpoint's region when the client called a
 * regional host name, else the region of its SigV4 credential scope, else `fallback`. A name
 * that is no AWS region is refused with SigV4's answer for a region the endpoint does not serve.
 */
export function requestRegion(request: SignableRequest, fallback: string): string {
  const host = REGIONAL_HOST.exec(String(request.headers.host ?? ''));
  const region = host?.[1] ?? host?.[2] ?? scopeRegion(request) ?? fallback;
  if (!isAwsRegionName(region)) throw regionNotServed(region);
  return region;
}

/** SigV4's text for a credential scoped to a region this endpoint does not serve. */
export function regionNotServed(region: string): SignatureDoesNotMatchError {
  return new SignatureDoesNotMatchError(
    `Credential should be scoped to a valid region, not '${region}'. `,
    { field: 'Credential' },
  );
}

function scopeRegion(request: SignableRequest): string | undefined {
  try {
    return readSigV4Credential(request)?.region;
  } catch {
    // A malformed signature is answered by authentication.
    return undefined;
  }
}
