import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterError } from '../errors/sns.js';
import { PUSH_PLATFORMS, type PushPlatform } from '../types/mobilePush.js';
import { type ArnContext, parseArn, topicArn } from './arn.js';

export interface ParsedPlatformApplicationArn {
  /** The topic-shaped ARN prefix `arn:<partition>:sns:<region>:<account>`. */
  prefix: string;
  platform: PushPlatform;
  name: string;
}

export interface ParsedPlatformEndpointArn extends ParsedPlatformApplicationArn {
  /** The ARN of the endpoint's platform application. */
  applicationArn: string;
  endpointId: string;
}

/** SNS: "Application names must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, hyphens, and periods, and must be between 1 and 256 characters long." */
const APPLICATION_NAME = /^[A-Za-z0-9_.-]{1,256}$/;

export function isValidPlatformApplicationName(name: unknown): name is string {
  return typeof name === 'string' && APPLICATION_NAME.test(name);
}

export function isPushPlatform(value: unknown): value is PushPlatform {
  return (PUSH_PLATFORMS as readonly unknown[]).includes(value);
}

/** `arn:aws:sns:<region>:<account>:app/<platform>/<name>`, as SNS names platform applications. */
export function platformApplicationArn(
  platform: PushPlatform,
  name: string,
  context: ArnContext = {},
): string {
  return topicArn(`app/${platform}/${name}`, context);
}

/** `arn:aws:sns:<region>:<account>:endpoint/<platform>/<application name>/<id>`. */
export function platformEndpointArn(applicationArn: string, endpointId: string): string {
  const { prefix, platform, name } = parsePlatformApplicationArn(applicationArn);
  return `${prefix}:endpoint/${platform}/${name}/${endpointId}`;
}

export function isPlatformEndpointArn(value: string): boolean {
  return /^arn:[^:]+:sns:[^:]*:[^:]*:endpoint\//.test(value);
}

export function parsePlatformApplicationArn(
  arn: string,
  field = 'PlatformApplicationArn',
): ParsedPlatformApplicationArn {
  const parts = snsResource(arn, field, 'app', 2);
  return { prefix: parts.prefix, platform: parts.platform, name: parts.rest[0] ?? '' };
}

export function parsePlatformEndpointArn(
  arn: string,
  field = 'EndpointArn',
): ParsedPlatformEndpointArn {
  const parts = snsResource(arn, field, 'endpoint', 3);
  const name = parts.rest[0] ?? '';
  return {
    prefix: parts.prefix,
    platform: parts.platform,
    name,
    applicationArn: `${parts.prefix}:app/${parts.platform}/${name}`,
    endpointId: parts.rest[1] ?? '',
  };
}

function snsResource(arn: string, field: string, kind: 'app' | 'endpoint', segments: number) {
  const invalid = () =>
    new InvalidParameterError(
      `Invalid parameter: ${field} Reason: An ARN must be arn:aws:sns:<region>:<account>:${kind}/<platform>/…; got ${describeValue(arn)}`,
      { field },
    );
  let parsed: ReturnType<typeof parseArn>;
  try {
    parsed = parseArn(arn, field);
  } catch {
    throw invalid();
  }
  const [head, platform, ...rest] = parsed.resource.split('/');
  if (
    parsed.service !== 'sns' ||
    head !== kind ||
    !isPushPlatform(platform) ||
    rest.length !== segments - 1 ||
    !isValidPlatformApplicationName(rest[0]) ||
    (kind === 'endpoint' && !/^[A-Za-z0-9-]{1,64}$/.test(rest[1] ?? ''))
  ) {
    throw invalid();
  }
  const prefix = `arn:${parsed.partition}:sns:${parsed.region}:${parsed.accountId}`;
  return { prefix, platform, rest };
}
