import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { HealthyRetryPolicy, Logger } from '@sealbus/core';
import { retryDelaysSeconds } from '../deliveryPolicy.js';
import type { NotificationSigner } from './signedMessage.js';

/** http/https delivery of an engine broker (SNS `http`/`https` subscriptions). */
export interface SnsHttpOptions {
  signer: NotificationSigner;
  /**
   * The origin serving `SubscribeURL`, `UnsubscribeURL` and `SigningCertURL`; read at each
   * message, so a gateway listening on port 0 can answer once it knows its port.
   */
  serviceUrl: () => string;
  /** Deliver to endpoints beyond this machine's loopback addresses. @defaultValue false */
  allowNonLoopbackEndpoints?: boolean;
  /** CA certificates (PEM) trusted for https endpoints besides the system ones. */
  trustedCertificates?: readonly string[];
  /** How long one second of a delivery policy lasts, in ms; tests shorten it. @defaultValue 1000 */
  policySecondMs?: number;
  /** One attempt's limit, as SNS's 15 seconds. @defaultValue 15000 */
  attemptTimeoutMs?: number;
}

export interface PushJob {
  url: string;
  body: string;
  headers: Record<string, string>;
  retryPolicy: HealthyRetryPolicy;
  /** Called once every attempt has failed, with the last failure. */
  onUndeliverable(failure: PushFailure): Promise<void>;
}

export interface PushFailure {
  /** `ClientError` (a 4xx other than 429: not retried) or `ServerError` (retries exhausted). */
  code: 'ClientError' | 'ServerError';
  message: string;
  attempts: number;
}

type Attempt = { ok: true } | { ok: false; retry: boolean; reason: string };

/**
 * Posts messages with the retries of their delivery policy. Jobs run in the background; the
 * message is held in memory only until delivered or dead-lettered (never written to disk).
 */
export class HttpPush {
  readonly #options: SnsHttpOptions;
  readonly #logger: Logger;
  readonly #closeSignal: AbortSignal;
  readonly #running = new Set<Promise<void>>();

  constructor(options: SnsHttpOptions, logger: Logger, closeSignal: AbortSignal) {
    this.#options = options;
    this.#logger = logger;
    this.#closeSignal = closeSignal;
  }

  get options(): SnsHttpOptions {
    return this.#options;
  }

  /** Starts delivering `job` and returns at once. */
  enqueue(job: PushJob): void {
    const run = this.#run(job).catch((error: unknown) => {
      this.#logger.warn({ err: error }, 'sns http delivery failed');
    });
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  /** Resolves when every job started so far has been delivered or dead-lettered. */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running);
  }

  async #run(job: PushJob): Promise<void> {
    const delays = retryDelaysSeconds(job.retryPolicy);
    let attempts = 0;
    for (;;) {
      if (this.#closeSignal.aborted) return;
      attempts++;
      const result = await this.#attempt(job);
      if (result.ok) return;
      const retryIndex = attempts - 1;
      // A closed broker neither retries nor writes to its closed store.
      if (this.#closeSignal.aborted) return;
      if (!result.retry || retryIndex >= delays.length) {
        await job.onUndeliverable({
          code: result.retry ? 'ServerError' : 'ClientError',
          message: result.reason,
          attempts,
        });
        return;
      }
      await this.#sleep(delays[retryIndex]! * (this.#options.policySecondMs ?? 1000));
    }
  }

  #attempt(job: PushJob): Promise<Attempt> {
    const url = new URL(job.url);
    const https = url.protocol === 'https:';
    const body = Buffer.from(job.body, 'utf8');
    const options = {
      method: 'POST',
      headers: { ...job.headers, 'content-length': String(body.byteLength) },
      timeout: this.#options.attemptTimeoutMs ?? 15_000,
      // Redirects are not followed: SNS posts to the subscribed URL only.
      ...(https && this.#options.trustedCertificates !== undefined
        ? { ca: [...rootCertificates, ...this.#options.trustedCertificates] }
        : {}),
    };
    return new Promise<Attempt>((resolve) => {
      const req = (https ? httpsRequest : httpRequest)(url, options, (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ ok: true });
        // SNS retries server-side failures; a 4xx other than 429 is the client's and final.
        else
          resolve({
            ok: false,
            retry: status >= 500 || status === 429 || status < 200,
            reason: `HTTP ${status}`,
          });
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) => resolve({ ok: false, retry: true, reason: error.message }));
      req.end(body);
    });
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.#closeSignal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
