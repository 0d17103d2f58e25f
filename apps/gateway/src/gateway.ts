import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { type ConsoleHandler, listenHttpServer, type RegionBrokerList } from '@sealbus/console';
import {
  type Broker,
  type Clock,
  DEFAULT_REGION,
  InvalidActionError,
  InvalidParameterValueError,
  isSealbusError,
  type Logger,
  MissingParameterError,
  silentLogger,
  systemClock,
} from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';
import { authenticate } from './auth/authenticate.js';
import { assertConsoleProtected } from './consoleGuard.js';
import type { GatewayRequest, Protocol, WireResponse } from './http/types.js';
import { detectProtocol, type ProtocolName, SIGNING_SERVICE } from './protocols/detect.js';
import { kmsJsonProtocol } from './protocols/kms-json.js';
import { snsQueryProtocol } from './protocols/sns-query.js';
import { sqsJsonProtocol } from './protocols/sqs-json.js';
import { sqsQueryProtocol } from './protocols/sqs-query.js';
import { type BrokerForRegion, regionalServices } from './regions/regionalServices.js';
import { regionNotServed, requestRegion } from './regions/requestRegion.js';
import {
  RECORDED_DELIVERIES_ACTION,
  RECORDED_DELIVERIES_PATH,
  serveRecordedDeliveries,
} from './sealbus/recordedDeliveries.js';
import type { Actions } from './services/context.js';
import { kmsActions } from './services/kms.js';
import { snsActions } from './services/sns.js';
import { sqsActions } from './services/sqs.js';
import type { GatewaySnsHttp } from './sns/snsHttp.js';
import { unsignedSubscriptionLinkRegion } from './sns/subscriptionLinks.js';

export interface GatewayOptions {
  /** The broker behind SQS and SNS. */
  broker: Broker;
  /** The KMS behind the KMS API; normally the one the broker seals with. */
  kms: LocalKms;
  /** 0 picks a free port. @defaultValue 4566 */
  port?: number;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /**
   * Check each request's SigV4 signature against `credentials` (secret, date, scope, payload
   * hash). Off, the access key id of the signature still names the principal, unchecked; an
   * unsigned request is refused either way. @defaultValue false
   */
  verifySigv4?: boolean;
  /**
   * The region of `broker`, served when a request names no region (no regional host name, no
   * SigV4 scope). @defaultValue 'us-east-1'
   */
  region?: string;
  /**
   * Opens the broker of another region's namespace, once, on the first request for it (by its
   * regional host name or SigV4 scope). Without it only `region` is served, and other regions
   * are refused as AWS refuses a credential scoped to a region the endpoint does not serve.
   */
  brokerForRegion?: BrokerForRegion;
  /** At most this many region namespaces are opened. @defaultValue 16 */
  maxRegions?: number;
  /** Access key id → secret access key; required when `verifySigv4` is on. */
  credentials?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** @defaultValue silentLogger */
  logger?: Logger;
  /** Server time for the SigV4 date check. @defaultValue systemClock */
  clock?: Clock;
  /** Largest request body accepted. @defaultValue 4 MiB (a 1 MiB message, base64 and batched overhead) */
  maxBodyBytes?: number;
  /**
   * The web console, served under its base path (`/console`) next to the AWS protocols. It must
   * require an access token when `verifySigv4` is on or `host` is not a loopback address.
   */
  console?: ConsoleHandler;
  /**
   * SNS http/https delivery shared with the broker (`gatewaySnsHttp`): the gateway serves its
   * signing certificate and the SubscribeURL/UnsubscribeURL links, and binds its URL on listen.
   */
  snsHttp?: GatewaySnsHttp;
  /**
   * The brokers whose email, SMS and other recorded deliveries `GET
   * /_sealbus/sns/recorded-deliveries` lists, a SigV4-signed request's region at a time
   * (`sealbus deliveries`). Without it that path is refused.
   */
  recordedDeliveries?: RegionBrokerList;
}

export interface Gateway {
  /** `http://host:port` the server listens on. */
  readonly url: string;
  /** Stops accepting requests, ends open long polls and closes connections. */
  close(): Promise<void>;
}

export const DEFAULT_GATEWAY_PORT = 4566;
export const DEFAULT_GATEWAY_HOST = '127.0.0.1';
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Starts one HTTP server that speaks SQS (JSON 1.0 and Query), SNS (Query) and KMS (JSON 1.1)
 * over `broker` and `kms`, so unmodified AWS SDKs and CLIs can use them.
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const credentials = toCredentialMap(options.credentials);
  if (options.verifySigv4 === true && credentials.size === 0) {
    throw new MissingParameterError(
      'credentials: verifySigv4 needs at least one access key id and secret (e.g. --credentials AKID:SECRET)',
      { field: 'credentials' },
    );
  }
  const host = options.host ?? DEFAULT_GATEWAY_HOST;
  assertConsoleProtected({
    host,
    verifySigv4: options.verifySigv4 === true,
    console:
      options.console === undefined ? 'none' : options.console.requiresToken ? 'token' : 'open',
  });
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const region = options.region ?? DEFAULT_REGION;
  const kms = kmsActions(options.kms);
  const kmsProtocol = kmsJsonProtocol(kms);
  const servicesOf = regionalServices({
    defaultRegion: region,
    broker: options.broker,
    ...(options.brokerForRegion === undefined ? {} : { brokerForRegion: options.brokerForRegion }),
    ...(options.maxRegions === undefined ? {} : { maxRegions: options.maxRegions }),
    build: (broker) => regionServices(broker, kms, kmsProtocol),
  });
  // Errors before the region is known render with the default region's protocols (same shapes).
  const defaultServices = servicesOf(region);
  const inFlight = new Set<AbortController>();
  let listenUrl = '';

  const server = createServer((req, res) => {
    if (options.console?.handle(req, res)) return;
    const controller = new AbortController();
    inFlight.add(controller);
    res.on('close', () => {
      inFlight.delete(controller);
      // The client went away before its response: end its long poll now.
      if (!res.writableFinished) controller.abort();
    });
    serve(req, res, controller.signal).catch((error: unknown) => {
      // A client that disconnects while sending its body is not a gateway failure.
      if (controller.signal.aborted) return;
      logger.error(errorFields(error), 'gateway failed to answer a request');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse, signal: AbortSignal) {
    const requestId = randomUUID();
    const target = req.url ?? '/';
    const mark = target.indexOf('?');
    const path = mark < 0 ? target : target.slice(0, mark);
    const query = mark < 0 ? '' : target.slice(mark + 1);
    const certificate = options.snsHttp?.identity;
    if (req.method === 'GET' && certificate && path === certificate.signer.certificatePath) {
      send(
        res,
        requestId,
        {
          status: 200,
          headers: { 'content-type': 'application/x-x509-ca-cert' },
          body: certificate.certificatePem,
        },
        clock.now(),
      );
      return;
    }
    if (req.method === 'GET' && path === '/health') {
      send(
        res,
        requestId,
        { status: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' },
        clock.now(),
      );
      return;
    }
    const body = await readBody(req, maxBodyBytes);
    const raw = {
      method: req.method ?? 'GET',
      path,
      query,
      headers: req.headers,
      body: body ?? Buffer.alloc(0),
    };
    const authenticated = (service: string, requestedRegion: string) =>
      authenticate(
        // Repeated headers stay separate so the canonical form joins them exactly.
        { ...raw, headers: req.headersDistinct },
        {
          mode: options.verifySigv4 === true ? 'verify' : 'identify',
          credentials,
          service,
          region: requestedRegion,
          nowMs: clock.now(),
        },
      );
    if (path === RECORDED_DELIVERIES_PATH) {
      const response = await serveRecordedDeliveries(req, query, {
        regions: options.recordedDeliveries,
        kms: options.kms,
        logger,
        authenticate(service) {
          const requestedRegion = requestRegion(raw, region);
          const principal = authenticated(service, requestedRegion);
          if (requestedRegion !== region && options.brokerForRegion === undefined) {
            throw regionNotServed(requestedRegion);
          }
          return { region: requestedRegion, principal };
        },
      });
      const fields = { requestId, action: RECORDED_DELIVERIES_ACTION, status: response.status };
      logger.debug(fields, 'request served');
      send(res, requestId, response, clock.now());
      return;
    }
    // Until the protocol is known, errors are rendered in the form the client used.
    let name: ProtocolName = fallbackProtocol(req.headers);
    let action: string | undefined;
    let response: WireResponse;
    let { protocols, actionTables } = defaultServices;
    try {
      if (body === undefined) {
        throw new InvalidParameterValueError(
          `the request body is larger than ${maxBodyBytes} bytes; send smaller messages or batches`,
          { field: 'body' },
        );
      }
      const detected = detectProtocol(raw);
      if (detected === undefined) {
        if (req.headers['x-amz-target'] !== undefined) {
          throw new InvalidActionError(
            'X-Amz-Target names no service this endpoint serves (AmazonSQS, TrentService)',
          );
        }
        throw new MissingParameterError(
          'the request names no action: send X-Amz-Target (JSON) or Action= (Query)',
          { field: 'Action' },
        );
      }
      name = detected.protocol;
      // Only an action the protocol implements is logged, never a client-chosen string.
      if (Object.hasOwn(actionTables[name], detected.operation)) action = detected.operation;
      const linkRegion =
        name === 'sns-query' && options.snsHttp !== undefined
          ? await unsignedSubscriptionLinkRegion(
              detected.operation,
              raw,
              region,
              (named) => servicesOf.opened(named)?.broker,
            )
          : undefined;
      const requestedRegion = linkRegion ?? requestRegion(raw, region);
      const principal =
        linkRegion !== undefined
          ? undefined
          : authenticated(SIGNING_SERVICE[name], requestedRegion);
      if (name !== 'kms-json') ({ protocols, actionTables } = servicesOf(requestedRegion));
      // KMS is one namespace for every region served: its requests open no region's broker.
      else if (requestedRegion !== region && options.brokerForRegion === undefined) {
        throw regionNotServed(requestedRegion);
      }
      const request: GatewayRequest = {
        ...raw,
        body,
        requestId,
        context: {
          principal,
          origin: req.headers.host === undefined ? listenUrl : `http://${req.headers.host}`,
          signal,
        },
      };
      response = await protocols[name].handle(request);
    } catch (error) {
      response = protocols[name].error(error, requestId, action);
      // The hint is the catalogue's (what to do), never the message, so no request value.
      const hint = isSealbusError(error) ? error.hint : undefined;
      const fields = { requestId, protocol: name, action, status: response.status, hint };
      // Structured fields only: error texts may quote request values (docs/security-model.md).
      if (response.status >= 500)
        logger.error({ ...fields, ...errorFields(error) }, 'request failed');
      else logger.debug({ ...fields, code: errorCode(error) }, 'request rejected');
    }
    if (signal.aborted) return;
    logger.debug(
      {
        requestId,
        protocol: name,
        action,
        status: response.status,
        requestBytes: raw.body.byteLength,
        responseBytes: Buffer.byteLength(response.body),
      },
      'request served',
    );
    send(res, requestId, response, clock.now());
  }

  const port = options.port ?? DEFAULT_GATEWAY_PORT;
  const listening = await listenHttpServer(server, port, host);
  const url = listening.origin;
  listenUrl = url;
  options.snsHttp?.bind(url);
  logger.info({ url, verifySigv4: options.verifySigv4 === true }, 'gateway listening');

  return {
    url,
    async close() {
      for (const controller of inFlight) controller.abort();
      await listening.close();
    },
  };
}

interface RegionServices {
  broker: Broker;
  actionTables: Record<ProtocolName, Actions>;
  protocols: Record<ProtocolName, Protocol>;
}

/** The SQS and SNS actions over one region's broker; KMS is one for every region. */
function regionServices(broker: Broker, kms: Actions, kmsProtocol: Protocol): RegionServices {
  const sqs = sqsActions(broker);
  const sns = snsActions(broker);
  return {
    broker,
    actionTables: { 'sqs-json': sqs, 'sqs-query': sqs, 'sns-query': sns, 'kms-json': kms },
    protocols: {
      'sqs-json': sqsJsonProtocol(sqs),
      'sqs-query': sqsQueryProtocol(sqs),
      'sns-query': snsQueryProtocol(sns),
      'kms-json': kmsProtocol,
    },
  };
}

/** Errors of requests whose protocol is unknown are rendered in the form the client used. */
function fallbackProtocol(headers: IncomingHttpHeaders): ProtocolName {
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith('TrentService.')) return 'kms-json';
  return (headers['content-type'] ?? '').includes('json') || target !== undefined
    ? 'sqs-json'
    : 'sqs-query';
}

function errorCode(error: unknown): string {
  return isSealbusError(error) ? error.code : 'InternalFailure';
}

/**
 * What a log line may say about an error: its class, code and stack frames. Never its message,
 * which may quote a request value (a message body, a key policy).
 */
function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { code: errorCode(error), errorType: typeof error };
  const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  return { code: errorCode(error), errorName: error.name, stack: frames.join('\n') };
}

function send(res: ServerResponse, requestId: string, response: WireResponse, nowMs: number): void {
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, {
    ...response.headers,
    'x-amzn-RequestId': requestId,
    // SDKs correct their clock skew from this header.
    Date: new Date(nowMs).toUTCString(),
    'content-length': String(body.byteLength),
  });
  res.end(body);
}

/** The body, or `undefined` when it exceeds `limit` (the rest is drained, not buffered). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}

function toCredentialMap(credentials: GatewayOptions['credentials']): ReadonlyMap<string, string> {
  if (credentials === undefined) return new Map();
  if (credentials instanceof Map) return credentials;
  return new Map(Object.entries(credentials));
}
