import { createHash } from 'node:crypto';
import {
  type Clock,
  type EncryptionContext,
  InvalidParameterValueError,
  isSealbusError,
  isSealedReason,
  type KeyProvider,
  type MessageAttributes,
  type Principal,
  type SealedBody,
} from '@sealbus/core';
import { EnvelopeEngine, readEnvelopeHeader } from '@sealbus/envelope';
import {
  ENVELOPE_ATTRIBUTE,
  envelopeMarkerAttribute,
  readEnvelopeMarker,
} from './envelopeMarker.js';

export interface SealedOutgoing {
  /** The base64 envelope, sent as the SQS body or SNS message. */
  body: string;
  /** The caller's attributes plus the envelope marker. */
  messageAttributes: MessageAttributes;
}

export interface OpenedIncoming {
  body: string;
  /** The caller's attributes, marker removed. */
  messageAttributes: MessageAttributes;
  sealed?: SealedBody;
}

export interface ClientSideSealerOptions {
  /** The CMK that seals outgoing bodies; without it the sealer only opens. */
  keyId?: string;
  reusePeriodSeconds?: number;
  principal?: Principal;
}

const utf8 = new TextDecoder();

/**
 * Client-side sealing for the AWS backend: the same envelope engine and format as the local
 * backends, over AWS KMS. Bodies travel base64-encoded (SQS bodies are text) with the
 * `sealbus.envelope` attribute naming the encryption context.
 */
export class ClientSideSealer {
  readonly #engine: EnvelopeEngine;
  readonly #options: ClientSideSealerOptions;

  constructor(deps: { keyProvider: KeyProvider; clock?: Clock }, options: ClientSideSealerOptions) {
    this.#engine = new EnvelopeEngine(
      deps.clock === undefined ? { keyProvider: deps.keyProvider } : deps,
    );
    this.#options = options;
  }

  /** Whether outgoing bodies are sealed (`clientSideEncryption` configured). */
  get sealsOutgoing(): boolean {
    return this.#options.keyId !== undefined;
  }

  /** KMS calls and cache use of the underlying envelope engine. */
  get engine(): EnvelopeEngine {
    return this.#engine;
  }

  async seal(
    body: string,
    context: EncryptionContext,
    attributes: MessageAttributes | undefined,
    principal: Principal | undefined = this.#options.principal,
  ): Promise<SealedOutgoing> {
    const { keyId } = this.#options;
    if (keyId === undefined) {
      throw new InvalidParameterValueError(
        'Sealing needs clientSideEncryption.keyId; configure clientSideEncryption on the broker',
        { field: 'clientSideEncryption.keyId' },
      );
    }
    const sealed = await this.#engine.seal(body, {
      keyId,
      context,
      ...(principal === undefined ? {} : { principal }),
      ...(this.#options.reusePeriodSeconds === undefined
        ? {}
        : { reusePeriodSeconds: this.#options.reusePeriodSeconds }),
    });
    return {
      body: Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength).toString('base64'),
      messageAttributes: { ...attributes, [ENVELOPE_ATTRIBUTE]: envelopeMarkerAttribute(context) },
    };
  }

  /**
   * What `AwsQueue` sends and `AwsTopic` publishes: the body sealed when `clientSideEncryption`
   * is configured (else as given) and, on a FIFO queue or topic, the deduplication id a sealed
   * body needs (see `contentDeduplicationId`).
   */
  async sealOutgoing(
    body: string,
    context: EncryptionContext,
    options: { messageAttributes?: MessageAttributes; messageDeduplicationId?: string },
    fifo: boolean,
    principal: Principal | undefined,
  ): Promise<{
    body: string;
    messageAttributes: MessageAttributes | undefined;
    messageDeduplicationId: string | undefined;
  }> {
    if (!this.sealsOutgoing) {
      return {
        body,
        messageAttributes: options.messageAttributes,
        messageDeduplicationId: options.messageDeduplicationId,
      };
    }
    const sealed = await this.seal(body, context, options.messageAttributes, principal);
    return {
      ...sealed,
      messageDeduplicationId:
        options.messageDeduplicationId ?? (fifo ? contentDeduplicationId(body) : undefined),
    };
  }

  /**
   * Opens a body when its attributes carry the marker; otherwise returns it unchanged. A KMS
   * refusal that concerns this message (access denied, key disabled or deleted) delivers it
   * sealed with the reason, as the local backends do; transient failures reject.
   */
  async open(
    body: string,
    attributes: MessageAttributes,
    principal: Principal | undefined = this.#options.principal,
  ): Promise<OpenedIncoming> {
    const { [ENVELOPE_ATTRIBUTE]: markerAttribute, ...rest } = attributes;
    const marker = readEnvelopeMarker(markerAttribute?.stringValue);
    if (marker === undefined) return { body, messageAttributes: attributes };
    const opened = await this.openEnvelope(
      new Uint8Array(Buffer.from(body, 'base64')),
      marker.context,
      body,
      principal,
    );
    return { ...opened, messageAttributes: rest };
  }

  /**
   * Opens one envelope under `context`. `sealedBody` is what the consumer gets as body when KMS
   * refuses: the envelope in base64, as every backend delivers sealed messages.
   */
  async openEnvelope(
    envelope: Uint8Array,
    context: EncryptionContext,
    sealedBody: string,
    principal: Principal | undefined = this.#options.principal,
  ): Promise<{ body: string; sealed?: SealedBody }> {
    let keyArn = '';
    try {
      keyArn = readEnvelopeHeader(envelope).keyArn;
      const plaintext = await this.#engine.open(envelope, {
        context,
        ...(principal === undefined ? {} : { principal }),
      });
      return { body: utf8.decode(plaintext) };
    } catch (error) {
      // Only a KMS refusal or an integrity failure concerns this message; anything else is thrown.
      if (!isSealbusError(error) || error.retryable || !isSealedReason(error.code)) throw error;
      return { body: sealedBody, sealed: { keyArn, envelope, reason: error.code } };
    }
  }
}

/**
 * Sealed bodies differ on every send (fresh IV), so SQS content-based deduplication would never
 * match: FIFO sends without an explicit id get the SHA-256 of the plaintext, as SQS computes it.
 */
export function contentDeduplicationId(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}
