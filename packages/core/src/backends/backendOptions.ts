import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterValueError } from '../errors/sqs.js';
import type { Logger } from '../runtime/logger.js';
import type { MetricsSink } from '../runtime/metrics.js';
import type { BackendOpenDeps, BackendOptionSpec } from './BackendDescriptor.js';

/** `region`, read as the AWS SDKs read it; a backend that cannot do without it adds `required`. */
export const REGION_OPTION: BackendOptionSpec = {
  name: 'region',
  description: 'AWS region, also named in the ARNs of local backends',
  env: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
};

/** `accountId` (`--account-id`): the 12-digit account id in the ARNs and queue URLs of local backends. */
export const ACCOUNT_ID_OPTION: BackendOptionSpec = {
  name: 'accountId',
  description:
    'account id in ARNs and queue URLs of local backends (12 digits; default 000000000000)',
  env: ['SEALBUS_ACCOUNT_ID'],
};

/** The `accountId` value of a local backend, checked: 12 digits as AWS account ids are. */
export function parseAccountId(value: string | undefined): { accountId?: string } {
  if (value === undefined) return {};
  if (!/^\d{12}$/.test(value)) {
    throw new InvalidParameterValueError(
      `accountId must be 12 digits, as AWS account ids are; got ${describeValue(value)}`,
      { field: 'accountId' },
    );
  }
  return { accountId: value };
}

/** The logger and metrics sink of `deps`, leaving out the ones not given. */
export function observabilityOf(deps: BackendOpenDeps): {
  logger?: Logger;
  metrics?: MetricsSink;
} {
  return {
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.metrics === undefined ? {} : { metrics: deps.metrics }),
  };
}
