import {
  type EncryptionContext,
  isSealedReason,
  type KeyProvider,
  type Principal,
  type ResolvedQueueAttributes,
  type ResolvedTopicAttributes,
  type SealbusError,
  type SealedBody,
  type SealedReason,
} from '@sealbus/core';
import {
  type EnvelopeEngine,
  isSealed,
  readEnvelopeHeader,
  type SealOptions,
} from '@sealbus/envelope';
import { isKeyUnavailable } from './keyAvailability.js';
import { findOrCreateManagedKey } from './managedKey.js';

/** SNS reuses a topic's data keys for 5 minutes; the period is not configurable there. */
const TOPIC_REUSE_PERIOD_SECONDS = 300;

/** Encryption contexts remembered per kind before starting over (one small object per ARN). */
const CONTEXT_CACHE_SIZE = 10_000;

const utf8 = new TextDecoder();

/** The key ARN of an envelope, or '' when even its header is damaged. */
export function envelopeKeyArn(envelope: Uint8Array): string {
  try {
    return readEnvelopeHeader(envelope).keyArn;
  } catch {
    return '';
  }
}

/** Whether a queue seals new messages (SSE-KMS or SSE-SQS), so it stores envelopes only. */
export function queueSealsBodies(attributes: ResolvedQueueAttributes): boolean {
  return attributes.KmsMasterKeyId !== undefined || attributes.SqsManagedSseEnabled;
}

export function queueEncryptionContext(queueArn: string): EncryptionContext {
  return { 'aws:sqs:arn': queueArn };
}

export function topicEncryptionContext(topicArn: string): EncryptionContext {
  return { 'aws:sns:topicArn': topicArn };
}

export interface SealedForQueue {
  body: Uint8Array;
  /** The context the envelope `body` is bound to. */
  encryptionContext: EncryptionContext;
}

/**
 * A stored body as a consumer gets it: opened (with its UTF-8 bytes, for its MD5 without
 * re-encoding), sealed with the reason, or `unavailable` when the key was unavailable
 * (disabled, pending deletion, KMS throttling or unreachable): the message is not at fault and
 * must not be delivered.
 */
export type OpenedBody =
  | { state: 'open'; body: string; bytes: Uint8Array }
  | ({ state: 'sealed' } & SealedBody)
  | { state: 'unavailable'; error: unknown };

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
  readonly #queueContexts = new Map<string, EncryptionContext>();
  readonly #topicContexts = new Map<string, EncryptionContext>();

  constructor(keyProvider: KeyProvider, envelope: EnvelopeEngine) {
    this.#keyProvider = keyProvider;
    this.#envelope = envelope;
  }

  get envelope(): EnvelopeEngine {
    return this.#envelope;
  }

  /**
   * The encryption context of a queue's envelopes: one frozen object per queue ARN, shared by
   * every message sealed for it (and kept with them in the store), instead of one per message.
   */
  queueContext(queueArn: string): EncryptionContext {
    return frozenContext(this.#queueContexts, queueArn, queueEncryptionContext);
  }

  /**
   * Seals a body for an SSE queue (SSE-KMS with the producer's principal, or SSE-SQS); the
   * caller checks `queueSealsBodies` first. A text body is encoded by the envelope engine into a
   * copy it zeroes after sealing.
   */
  async sealForQueue(
    attributes: ResolvedQueueAttributes,
    queueArn: string,
    body: string | Uint8Array,
    principal: Principal | undefined,
    binding: string,
  ): Promise<SealedForQueue> {
    const keyId = attributes.KmsMasterKeyId ?? this.#managedKeyArn ?? (await this.#managedKeyId());
    const options = this.#queueSealOptions(attributes, queueArn, keyId, principal, binding);
    return { body: await this.#envelope.seal(body, options), encryptionContext: options.context };
  }

  /**
   * `sealForQueue` without a promise when the queue's data key is cached; `undefined` when
   * sealing needs KMS (then call `sealForQueue`).
   */
  sealForQueueNow(
    attributes: ResolvedQueueAttributes,
    queueArn: string,
    body: string | Uint8Array,
    principal: Principal | undefined,
    binding: string,
  ): SealedForQueue | undefined {
    const keyId = attributes.KmsMasterKeyId ?? this.#managedKeyArn;
    if (keyId === undefined) return undefined;
    const options = this.#queueSealOptions(attributes, queueArn, keyId, principal, binding);
    const envelope = this.#envelope.sealIfCached(body, options);
    return envelope === undefined
      ? undefined
      : { body: envelope, encryptionContext: options.context };
  }

  #queueSealOptions(
    attributes: ResolvedQueueAttributes,
    queueArn: string,
    keyId: string,
    principal: Principal | undefined,
    binding: string,
  ): SealOptions & { context: EncryptionContext } {
    return {
      keyId,
      context: this.queueContext(queueArn),
      // SSE-SQS keys belong to the service: producers and consumers need no KMS permissions.
      principal: attributes.KmsMasterKeyId !== undefined ? principal : undefined,
      reusePeriodSeconds: attributes.KmsDataKeyReusePeriodSeconds,
      binding,
    };
  }

  /**
   * An encrypted topic seals the published message with its own key and opens it again before
   * delivery, as SNS does: the publisher needs `kms:GenerateDataKey` on the topic key, and key
   * errors and KMS call counts are those of production. Does nothing for a topic without SSE;
   * the body is encoded only for an encrypted topic, into a copy the envelope engine zeroes
   * after sealing.
   */
  async passThroughTopic(
    attributes: ResolvedTopicAttributes,
    topicArn: string,
    body: string,
    principal: Principal | undefined,
  ): Promise<void> {
    if (attributes.KmsMasterKeyId === undefined) return;
    const context = frozenContext(this.#topicContexts, topicArn, topicEncryptionContext);
    const sealed = await this.#envelope.seal(body, {
      keyId: attributes.KmsMasterKeyId,
      context,
      principal,
      reusePeriodSeconds: TOPIC_REUSE_PERIOD_SECONDS,
    });
    await this.#envelope.open(sealed, { context });
  }

  /**
   * Opens a stored body for a consumer. The consumer's principal asks KMS for every key (the
   * SSE-SQS key's default policy admits everyone, so SSE-SQS consumers need no grant). A
   * failure that concerns this message or consumer (access denied, deleted key, an envelope
   * that does not authenticate for this context and `binding`) delivers it sealed with the
   * reason; an unavailable key (disabled, pending deletion, throttling, KMS unreachable)
   * resolves as `unavailable`, for the caller to hold the message back.
   */
  async open(
    stored: Uint8Array,
    encryptionContext: EncryptionContext,
    principal: Principal | undefined,
    reusePeriodSeconds: number,
    binding: string,
  ): Promise<OpenedBody> {
    if (!isSealed(stored)) return { state: 'open', body: utf8.decode(stored), bytes: stored };
    const options = { context: encryptionContext, principal, reusePeriodSeconds, binding };
    try {
      return openedBody(await this.#envelope.open(stored, options));
    } catch (error) {
      return deliveredSealed(stored, error);
    }
  }

  /**
   * `open` of an envelope without a promise when its data key is cached for this consumer;
   * `undefined` when opening needs KMS (then call `open`).
   */
  openNow(
    stored: Uint8Array,
    encryptionContext: EncryptionContext,
    principal: Principal | undefined,
    reusePeriodSeconds: number,
    binding: string,
  ): OpenedBody | undefined {
    const options = { context: encryptionContext, principal, reusePeriodSeconds, binding };
    try {
      const plaintext = this.#envelope.openIfCached(stored, options);
      return plaintext === undefined ? undefined : openedBody(plaintext);
    } catch (error) {
      return deliveredSealed(stored, error);
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

/** One frozen context per ARN from `make`, kept in `cache` (bounded: it starts over when full). */
function frozenContext(
  cache: Map<string, EncryptionContext>,
  arn: string,
  make: (arn: string) => EncryptionContext,
): EncryptionContext {
  let context = cache.get(arn);
  if (context === undefined) {
    if (cache.size >= CONTEXT_CACHE_SIZE) cache.clear();
    context = Object.freeze(make(arn));
    cache.set(arn, context);
  }
  return context;
}

function openedBody(plaintext: Uint8Array): OpenedBody {
  return { state: 'open', body: utf8.decode(plaintext), bytes: plaintext };
}

/**
 * A message this consumer cannot open is delivered sealed with the reason; an unavailable key
 * is reported as such, so the message is held back rather than counted as a failure.
 */
function deliveredSealed(stored: Uint8Array, error: unknown): OpenedBody {
  if (isKeyUnavailable(error)) return { state: 'unavailable', error };
  const { code } = error as SealbusError;
  // Anything typed but neither a KMS refusal nor an integrity failure is not this message's fault.
  if (!isSealedReason(code)) return { state: 'unavailable', error };
  return sealedBody(stored, code);
}

/** A stored body delivered sealed with the reason. */
export function sealedBody(stored: Uint8Array, reason: SealedReason): OpenedBody {
  return { state: 'sealed', keyArn: envelopeKeyArn(stored), envelope: stored, reason };
}
