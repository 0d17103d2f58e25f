import {
  AwsServiceError,
  DEFAULT_REGION,
  InvalidParameterValueError,
  MissingParameterError,
} from '@sealbus/core';
import { Command } from 'commander';
import { type Cell, table } from '../output/Output.js';
import { type CommandContext, outputFor, withExamples } from '../program/CommandContext.js';
import { type SigningCredentials, signedGet } from '../remote/signedGet.js';

/** The gateway's path for recorded deliveries (apps/gateway `RECORDED_DELIVERIES_PATH`). */
const DELIVERIES_PATH = '/_sealbus/sns/recorded-deliveries';
const DEFAULT_ENDPOINT_URL = 'http://127.0.0.1:4566';

/** One delivery as the gateway lists it. */
export interface RemoteDelivery {
  region: string;
  protocol: string;
  endpoint: string;
  topicArn: string;
  subscriptionArn: string;
  messageId: string;
  kind: string;
  timestamp: number;
  body?: string;
  withheld?: { code: string; message: string };
}

interface DeliveriesFlags {
  endpointUrl?: string;
  to?: string;
}

/**
 * Control characters, C1 controls and bidirectional overrides of a body, escaped: a published
 * message must not move the cursor, recolour or reorder the operator's terminal.
 */
export function terminalSafe(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    out += isTerminalControl(code) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return out;
}

function isTerminalControl(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

function credentialsFrom(env: Readonly<Record<string, string | undefined>>): SigningCredentials {
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey) {
    throw new MissingParameterError(
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set: the gateway answers signed requests only (any key unless it runs with --verify-sigv4; then one of its --credentials).',
      { field: 'AWS_ACCESS_KEY_ID' },
    );
  }
  return { accessKeyId, secretAccessKey };
}

/** The gateway's answer: the deliveries, or its refusal as an error with its AWS code. */
function parseAnswer(
  status: number,
  body: string,
): { region: string; deliveries: RemoteDelivery[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const object = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  if (status === 200 && Array.isArray(object['deliveries'])) {
    return {
      region: String(object['region']),
      deliveries: object['deliveries'] as RemoteDelivery[],
    };
  }
  const code = typeof object['__type'] === 'string' ? object['__type'] : `HTTP${status}`;
  const message = typeof object['message'] === 'string' ? object['message'] : 'no message';
  throw new AwsServiceError(
    code,
    `The gateway refused to list recorded deliveries (${code}): ${message}`,
    {
      fault: status >= 500 ? 'server' : 'client',
      retryable: status >= 500,
    },
  );
}

function rows(deliveries: readonly RemoteDelivery[]): string[] {
  const cells: Cell[][] = deliveries.map((delivery) => [
    new Date(delivery.timestamp).toISOString(),
    delivery.region,
    delivery.protocol,
    terminalSafe(delivery.endpoint),
    delivery.kind,
    delivery.topicArn,
    delivery.withheld === undefined
      ? terminalSafe(delivery.body ?? '')
      : `(withheld: ${delivery.withheld.code})`,
  ]);
  return table(['TIME', 'REGION', 'PROTOCOL', 'ENDPOINT', 'KIND', 'TOPIC', 'BODY'], cells);
}

/**
 * `sealbus deliveries`: the email, SMS and other deliveries a running gateway recorded instead
 * of sending. They live in the gateway's memory only, so the CLI asks it with a SigV4-signed
 * request (service `sns`, the region's deliveries); the gateway authenticates it as every other.
 */
export function deliveriesCommand(ctx: CommandContext): Command {
  return withExamples(
    new Command('deliveries')
      .description(
        "List the deliveries a running gateway recorded instead of sending (email, email-json, sms, …) in one region, oldest first; bodies of encrypted topics only if the signing principal may decrypt with the topic's key",
      )
      .option(
        '--endpoint-url <url>',
        `the gateway's origin (env AWS_ENDPOINT_URL; default ${DEFAULT_ENDPOINT_URL})`,
      )
      .option('--to <endpoint>', 'only deliveries to this address, phone number or URL'),
    [
      'sealbus deliveries',
      'sealbus deliveries --endpoint-url http://127.0.0.1:4566 --region eu-west-1 --to +447700900123 --json',
    ],
  ).action(async (opts: DeliveriesFlags, command: Command) => {
    const env = ctx.io.env;
    const globals = command.optsWithGlobals<{ endpoint?: string; region?: string }>();
    if (globals.endpoint !== undefined) {
      throw new InvalidParameterValueError(
        "--endpoint is the aws backend's endpoint; name the gateway with --endpoint-url and filter by recipient with --to.",
        { field: 'endpoint' },
      );
    }
    const region =
      globals.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? DEFAULT_REGION;
    const query = opts.to === undefined ? '' : `?endpoint=${encodeURIComponent(opts.to)}`;
    const answer = await signedGet({
      endpointUrl: opts.endpointUrl ?? env['AWS_ENDPOINT_URL'] ?? DEFAULT_ENDPOINT_URL,
      path: `${DELIVERIES_PATH}${query}`,
      service: 'sns',
      region,
      credentials: credentialsFrom(env),
      nowMs: ctx.clock.now(),
    });
    const listed = parseAnswer(answer.status, answer.body);
    const out = outputFor(ctx, command);
    out.result(listed, ({ deliveries }) =>
      deliveries.length === 0
        ? [
            `No recorded deliveries in ${listed.region}${opts.to === undefined ? '' : ` to ${terminalSafe(opts.to)}`}.`,
          ]
        : rows(deliveries),
    );
  });
}
