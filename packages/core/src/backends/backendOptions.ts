import type { Logger } from '../runtime/logger.js';
import type { MetricsSink } from '../runtime/metrics.js';
import type { BackendOpenDeps, BackendOptionSpec } from './BackendDescriptor.js';

/** `region`, read as the AWS SDKs read it; a backend that cannot do without it adds `required`. */
export const REGION_OPTION: BackendOptionSpec = {
  name: 'region',
  description: 'AWS region, also named in the ARNs of local backends',
  env: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
};

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
