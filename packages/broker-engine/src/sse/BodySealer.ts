import type {
  EncryptionContext,
  KeyProvider,
  Principal,
  ResolvedQueueAttributes,
  ResolvedTopicAttributes,
  SealedBody,
} from '@sealbus/core';
import { isSealbusError } from '@sealbus/core';
import { type EnvelopeEngine, isSealed, readEnvelopeHeader } from '@sealbus/envelope';
import { findOrCreateManagedKey } from './managedKey.js';

/** SNS reuses a topic's data keys for 5 minutes; the period is not configurable there. */
const TOPIC_REUSE_PERIOD_SECONDS = 300;

const utf8 = new TextDecoder();

/** The key ARN of an envelope, or '' when even its header is damaged. */
function envelopeKeyArn(envelope: Uint8Array): string {
  try {
    return readEnvelopeHeader(envelope).keyArn;
  } catch {
    return '';
  }
}

export function queueEncryptionContext(queueArn: string): EncryptionContext {
  return { 'aws:sqs:arn': queueArn };
}

export function topicEncryptionContext(topicArn: string): EncryptionContext {
  return { 'aws:sns:topicArn': topicArn };
}

export interface SealedForQueue {
  body: Uint8Array;
  /** Set when `body` is an envelope. */
  encryptionContext?: EncryptionContext;
}

export interface OpenedBody {
  body: string;
  /** The UTF-8 bytes of `body` when it is the plaintext (for its MD5 without re-encoding). */
  bytes?: Uint8Array;
  sealed?: SealedBody;
}

/**
 * SSE for queues and topics on top of the envelope engine. Whether a stored body is sealed is
 * read from its bytes (the envelope magic can never start UTF-8 text), never from the queue's
 * current attributes, so toggling SSE leaves earlier messages as they were stored.
 */
export class BodySealer {
  readonly #envelope: EnvelopeEngine;
  readonly #keyProvider: KeyProvider;
  #managedKey: Promise<string> | undefined;
  #managedKeyArn: string | undefined;

  constructor(keyProvider: KeyProvider, envelope: EnvelopeEngine) {
    this.#keyProvider = keyProvider;
    this.#envelope = envelope;
  }

  get envelope(): EnvelopeEngine {
    return this.#envelope;
  }

  /**
   * Seals a body for an SSE queue (SSE-KMS with the producer's principal, or SSE-SQS). Returns
   * synchronously for a queue without SSE, so the plain path allocates no promise.
   */
  sealForQueue(
    attributes: ResolvedQueueAttributes,
    queueArn: string,
    body: Uint8Array,
    principal: Principal | undefined,
  ): SealedForQueue | Promise<SealedForQueue> {
    if (attributes.KmsMasterKeyId !== undefined) {
      return this.#seal(attributes, attributes.KmsMasterKeyId, queueArn, body, principal);
    }
    if (!attributes.SqsManagedSseEnabled) return { body };
    // SSE-SQS keys belong to the service: producers and consumers need no KMS permissions.
    return this.#managedKeyId().then((keyId) =>
      this.#seal(attributes, keyId, queueArn, body, undefined),
    );
  }

  async #seal(
    attributes: ResolvedQueueAttributes,
    keyId: string,
    queueArn: string,
    body: Uint8Array,
    principal: Principal | undefined,
  ): Promise<SealedForQueue> {
    const encryptionContext = queueEncryptionContext(queueArn);
    const sealed = await this.#envelope.seal(body, {
      keyId,
      context: encryptionContext,
      principal,
      reusePeriodSeconds: attributes.KmsDataKeyReusePeriodSeconds,
    });
    return { body: sealed, encryptionContext };
  }

  /**
   * An encrypted topic seals the published message with its own key and opens it again before
   * delivery, as SNS does: the publisher needs `kms:GenerateDataKey` on the topic key, and key
   * errors and KMS call counts are those of production.
   */
  async passThroughTopic(
    attributes: ResolvedTopicAttributes,
    topicArn: string,
    body: Uint8Array,
    principal: Principal | undefined,
  ): Promise<void> {
    if (attributes.KmsMasterKeyId === undefined) return;
    const context = topicEncryptionContext(topicArn);
    const sealed = await this.#envelope.seal(body, {
      keyId: attributes.KmsMasterKeyId,
      context,
      principal,
      reusePeriodSeconds: TOPIC_REUSE_PERIOD_SECONDS,
    });
    await this.#envelope.open(sealed, { context });
  }

  /**
   * Opens a stored body for a consumer; synchronously when it is stored in the clear. The
   * consumer's principal asks KMS for every key (the SSE-SQS key's default policy admits
   * everyone, so SSE-SQS consumers need no grant). A KMS
   * refusal that concerns this message only (access denied, key disabled or deleted, corrupt
   * envelope) delivers it sealed with the reason; transient failures (throttling, KMS outages)
   * reject so the caller can retry.
   */
  open(
    stored: Uint8Array,
    encryptionContext: EncryptionContext,
    principal: Principal | undefined,
    reusePeriodSeconds: number,
  ): OpenedBody | Promise<OpenedBody> {
    if (!isSealed(stored)) return { body: utf8.decode(stored), bytes: stored };
    return this.#open(stored, encryptionContext, principal, reusePeriodSeconds);
  }

  async #open(
    stored: Uint8Array,
    encryptionContext: EncryptionContext,
    principal: Principal | undefined,
    reusePeriodSeconds: number,
  ): Promise<OpenedBody> {
    try {
      const plaintext = await this.#envelope.open(stored, {
        context: encryptionContext,
        principal,
        reusePeriodSeconds,
      });
      return { body: utf8.decode(plaintext), bytes: plaintext };
    } catch (error) {
      if (!isSealbusError(error) || error.retryable) throw error;
      return {
        body: Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).toString('base64'),
        sealed: { keyArn: envelopeKeyArn(stored), envelope: stored, reason: error.code },
      };
    }
  }

  #managedKeyId(): Promise<string> {
    if (this.#managedKeyArn !== undefined) return Promise.resolve(this.#managedKeyArn);
    this.#managedKey ??= findOrCreateManagedKey(this.#keyProvider).then(
      (arn) => {
        this.#managedKeyArn = arn;
        return arn;
      },
      (error: unknown) => {
        this.#managedKey = undefined;
        throw error;
      },
    );
    return this.#managedKey;
  }
}
