import {
  type Clock,
  describeValue,
  type EncryptionContext,
  InvalidParameterValueError,
  isSealbusError,
  type KeyProvider,
  KmsInternalError,
  type Principal,
  type SealbusError,
  type SealbusErrorCode,
  systemClock,
} from '@sealbus/core';
import { CacheKeyIndex } from './cache/CacheKeyIndex.js';
import { DataKeyCache } from './cache/DataKeyCache.js';
import { OpeningDataKey } from './cache/OpeningDataKey.js';
import { SealingDataKey } from './cache/SealingDataKey.js';
import { EnvelopeIntegrityError } from './errors/EnvelopeIntegrityError.js';
import { DATA_KEY_LENGTH, KEY_ARN_LENGTH_OFFSET, MAX_BINDING_LENGTH } from './format/constants.js';
import { canonicalContextBytes } from './format/encryptionContext.js';
import { decodeKeyArn } from './format/envelopeHeader.js';
import { type EnvelopeLayout, parseEnvelope } from './format/envelopeLayout.js';
import {
  type EnvelopeEngineOptions,
  resolveEnvelopeEngineOptions,
  reusePeriodMs,
} from './options.js';
import { type EnvelopeStats, StatsRecorder } from './stats.js';

export interface SealOptions {
  /** CMK key id, key ARN, alias name or alias ARN (the queue's `KmsMasterKeyId`). */
  keyId: string;
  /** Bound to the envelope, e.g. `{ 'aws:sqs:arn': queueArn }`. */
  context: EncryptionContext;
  /** Who asks KMS for the data key; data keys are never shared between principals. */
  principal?: Principal;
  /**
   * How long one data key seals messages (`KmsDataKeyReusePeriodSeconds`), 60–86,400.
   * @defaultValue 300
   */
  reusePeriodSeconds?: number;
  /**
   * Per-message data authenticated with this envelope only, e.g. the message id: not stored,
   * not sent to KMS. Opening needs the same bytes, so an envelope moved to another message
   * fails. A string is encoded as UTF-8; at most 65,535 bytes.
   * @defaultValue empty
   */
  binding?: string | Uint8Array;
}

export interface OpenOptions {
  /** Must equal the context the envelope was sealed with. */
  context: EncryptionContext;
  /**
   * Must equal the `binding` the envelope was sealed with. Version 1 envelopes carry no binding
   * and open whatever is passed here.
   * @defaultValue empty
   */
  binding?: string | Uint8Array;
  /** Who asks KMS to decrypt the data key. */
  principal?: Principal;
  /**
   * Whom `principal` acts for, passed to KMS `Decrypt` for its audit log (`DecryptRequest`).
   * Only a call to KMS records it: an envelope opened with a cached data key makes none.
   */
  onBehalfOf?: string;
  /**
   * How long a decrypted data key is reused for opening, 60–86,400.
   * @defaultValue 300
   */
  reusePeriodSeconds?: number;
}

export interface EnvelopeEngineDependencies {
  keyProvider: KeyProvider;
  /** @defaultValue systemClock */
  clock?: Clock;
}

/** How often (clock time) expired keys of idle cache slots are swept and zeroed. */
const SWEEP_INTERVAL_MS = 1000;

/** Distinct (key id or '', principal, context) combinations remembered before starting over. */
const CACHE_KEY_INDEX_SIZE = 10_000;

const KMS_CIPHERTEXT_REJECTED: ReadonlySet<SealbusErrorCode> = new Set<SealbusErrorCode>([
  'KMS.InvalidCiphertextException',
  'KMS.IncorrectKeyException',
]);

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The opening cache key: the slot, then the key ARN and encrypted data key with their lengths (one contiguous run). */
function openingCacheKey(slotKey: string, bytes: Buffer, layout: EnvelopeLayout): string {
  return `${slotKey}${bytes.toString('latin1', KEY_ARN_LENGTH_OFFSET, layout.encryptedDataKeyEnd)}`;
}

function checkCallOptions(options: unknown, method: string): void {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidParameterValueError(
      `${method} options must be an object with at least a context, got ${describeValue(options)}`,
      { field: 'options' },
    );
  }
  const principal = (options as { principal?: unknown }).principal;
  if (principal !== undefined && typeof principal !== 'string') {
    throw new InvalidParameterValueError(
      `principal must be a string (an access key id, role ARN or name), got ${describeValue(principal)}`,
      { field: 'principal' },
    );
  }
}

/**
 * Checks a binding without copying it (the data key entry writes it into its AAD). A string's
 * UTF-8 length is computed only when it could exceed the limit (at most 3 bytes per unit).
 */
function checkBinding(binding: unknown): string | Uint8Array {
  if (binding === undefined) return '';
  const length =
    typeof binding === 'string'
      ? binding.length * 3 <= MAX_BINDING_LENGTH
        ? 0
        : Buffer.byteLength(binding, 'utf8')
      : binding instanceof Uint8Array
        ? binding.byteLength
        : Number.NaN;
  if (!(length <= MAX_BINDING_LENGTH)) {
    throw new InvalidParameterValueError(
      `binding must be a string or Uint8Array of at most ${MAX_BINDING_LENGTH} bytes, got ${describeValue(binding)}${Number.isNaN(length) ? '' : ` (${length} bytes)`}`,
      { field: 'binding' },
    );
  }
  return binding as string | Uint8Array;
}

/** KMS errors pass through unchanged; anything untyped a KeyProvider throws becomes `KmsInternalError`. */
function typedKmsError(error: unknown, operation: string): SealbusError {
  if (isSealbusError(error)) return error;
  return new KmsInternalError(
    `KeyProvider.${operation} failed with an untyped error; check the key provider (cause attached)`,
    { cause: error },
  );
}

/**
 * Envelope encryption with KMS data keys: seals bodies with AES-256-GCM under a cached data
 * key per (CMK, encryption context, principal) and opens them with a separate cache keyed by
 * the encrypted data key. See docs/envelope-format.md for the wire format.
 */
export class EnvelopeEngine {
  private readonly keyProvider: KeyProvider;
  private readonly clock: Clock;
  private readonly options: Required<EnvelopeEngineOptions>;
  private readonly sealing: DataKeyCache<SealingDataKey>;
  private readonly opening: DataKeyCache<OpeningDataKey>;
  /** Per (principal, context): the opening key used last. */
  private readonly recentlyOpened = new Map<string, OpeningDataKey>();
  private readonly sealingKeys: CacheKeyIndex;
  private readonly openingKeys: CacheKeyIndex;
  private readonly recorder = new StatsRecorder();
  private nextSweepAt = 0;

  constructor(deps: EnvelopeEngineDependencies, options: EnvelopeEngineOptions = {}) {
    if (typeof deps?.keyProvider?.generateDataKey !== 'function') {
      throw new InvalidParameterValueError(
        'keyProvider must implement KeyProvider (generateDataKey, decrypt, describeKey)',
        { field: 'keyProvider' },
      );
    }
    this.keyProvider = deps.keyProvider;
    this.clock = deps.clock ?? systemClock;
    this.options = resolveEnvelopeEngineOptions(options);
    this.sealing = new DataKeyCache(this.options.sealCacheSize);
    this.opening = new DataKeyCache(this.options.openCacheSize);
    this.sealingKeys = new CacheKeyIndex(CACHE_KEY_INDEX_SIZE);
    this.openingKeys = new CacheKeyIndex(CACHE_KEY_INDEX_SIZE);
  }

  /** Seals `body` (a string is encoded as UTF-8) into a self-describing envelope. */
  async seal(body: string | Uint8Array, options: SealOptions): Promise<Uint8Array> {
    const { cacheKey, plaintext, reuseMs, binding } = this.sealRequest(body, options);
    try {
      const sealed = this.sealWithCachedEntry(cacheKey, plaintext, reuseMs, binding);
      if (sealed !== undefined) return sealed;
      for (;;) {
        const entry = await this.sealing.load(cacheKey, () =>
          this.loadSealingKey(options, reuseMs),
        );
        if (entry.canSeal(this.clock.now(), reuseMs, plaintext.byteLength, this.options)) {
          entry.stats.sealMisses++;
          return entry.seal(plaintext, binding);
        }
        this.sealing.remove(cacheKey, entry);
      }
    } finally {
      if (plaintext !== body) plaintext.fill(0);
    }
  }

  /** Authenticates and decrypts an envelope made by `seal`. */
  async open(envelope: Uint8Array, options: OpenOptions): Promise<Uint8Array> {
    const opened = this.openIfCached(envelope, options);
    if (opened !== undefined) return opened;
    const binding = checkBinding(options.binding);
    const reuseMs = reusePeriodMs(options.reusePeriodSeconds);
    const slotKey = this.openingKeys.key('', options.principal, options.context);
    const layout = parseEnvelope(envelope);
    const bytes = asBuffer(envelope);
    const cacheKey = openingCacheKey(slotKey, bytes, layout);
    const stale = this.opening.get(cacheKey);
    if (stale !== undefined) this.opening.remove(cacheKey, stale);
    for (;;) {
      const entry = await this.opening.load(cacheKey, () =>
        this.loadOpeningKey(bytes, layout, options, reuseMs),
      );
      if (entry.canOpen(this.clock.now(), reuseMs)) {
        entry.stats.openMisses++;
        this.rememberOpened(slotKey, entry);
        return entry.open(bytes, layout, binding);
      }
      this.opening.remove(cacheKey, entry);
    }
  }

  /**
   * `seal` without a promise when a cached data key may seal this body now; `undefined` when
   * sealing needs KMS (then call `seal`). For a caller sealing many bodies on its hot path: the
   * await per message costs more than the sealing itself at small sizes (broker benchmark,
   * same-run A/B). Validates, throws and counts like `seal`.
   */
  sealIfCached(body: string | Uint8Array, options: SealOptions): Uint8Array | undefined {
    const { cacheKey, plaintext, reuseMs, binding } = this.sealRequest(body, options);
    try {
      return this.sealWithCachedEntry(cacheKey, plaintext, reuseMs, binding);
    } finally {
      if (plaintext !== body) plaintext.fill(0);
    }
  }

  /**
   * `open` without a promise when the envelope's data key is cached for these options;
   * `undefined` when opening needs KMS (then call `open`). Throws what `open` rejects with for
   * a malformed or tampered envelope, and counts like `open`.
   */
  openIfCached(envelope: Uint8Array, options: OpenOptions): Uint8Array | undefined {
    checkCallOptions(options, 'open');
    const binding = checkBinding(options.binding);
    const reuseMs = reusePeriodMs(options.reusePeriodSeconds);
    const slotKey = this.openingKeys.key('', options.principal, options.context);
    const now = this.now();
    // Fast path: the data key this (principal, context) used last. Its header prefix is
    // compared by memcmp, which also validates what parsing would, and spares hashing the
    // encrypted data key into a map key on every message.
    const recent = this.recentlyOpened.get(slotKey);
    if (recent?.canOpen(now, reuseMs) && envelope instanceof Uint8Array) {
      const plaintext = recent.openIfSameSalt(asBuffer(envelope), binding);
      if (plaintext !== undefined) {
        this.opening.touch(recent);
        recent.stats.openHits++;
        return plaintext;
      }
    }
    const layout = parseEnvelope(envelope);
    const bytes = asBuffer(envelope);
    const cacheKey = openingCacheKey(slotKey, bytes, layout);
    const cached = this.opening.get(cacheKey);
    if (!cached?.canOpen(now, reuseMs)) return undefined;
    cached.stats.openHits++;
    this.rememberOpened(slotKey, cached);
    return cached.open(bytes, layout, binding);
  }

  /** KMS calls made and cache hits/misses, in total and per key ARN (a copy). */
  stats(): EnvelopeStats {
    return this.recorder.snapshot(this.sealing.size, this.opening.size);
  }

  /** Zeroes and drops every cached data key; loads in flight are zeroed when they land. */
  clear(): void {
    this.sealing.clear();
    this.opening.clear();
    this.recentlyOpened.clear();
  }

  /** Validates a seal call; `plaintext` is a fresh UTF-8 copy (zeroed after use) for a string body. */
  private sealRequest(
    body: string | Uint8Array,
    options: SealOptions,
  ): {
    cacheKey: string;
    plaintext: Uint8Array;
    reuseMs: number;
    binding: string | Uint8Array;
  } {
    checkCallOptions(options, 'seal');
    const reuseMs = reusePeriodMs(options.reusePeriodSeconds);
    const binding = checkBinding(options.binding);
    if (typeof options.keyId !== 'string' || options.keyId.length === 0) {
      throw new InvalidParameterValueError(
        `keyId must be a key id, key ARN, alias name or alias ARN, got ${describeValue(options.keyId)}`,
        { field: 'keyId' },
      );
    }
    const cacheKey = this.sealingKeys.key(options.keyId, options.principal, options.context);
    const plaintext = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (!(plaintext instanceof Uint8Array)) {
      throw new InvalidParameterValueError(
        `body must be a string or a Uint8Array, got ${describeValue(body)}`,
        { field: 'body' },
      );
    }
    return { cacheKey, plaintext, reuseMs, binding };
  }

  /** Seals with the cached key when it may seal now; drops a cached key that may not. */
  private sealWithCachedEntry(
    cacheKey: string,
    plaintext: Uint8Array,
    reuseMs: number,
    binding: string | Uint8Array,
  ): Uint8Array | undefined {
    // Every seal reads the clock through `now()`, which also sweeps expired keys of idle slots.
    const now = this.now();
    const cached = this.sealing.get(cacheKey);
    if (cached === undefined) return undefined;
    if (cached.canSeal(now, reuseMs, plaintext.byteLength, this.options)) {
      cached.stats.sealHits++;
      return cached.seal(plaintext, binding);
    }
    this.sealing.remove(cacheKey, cached);
    return undefined;
  }

  /** Bounded like the opening cache; entries it points to are zeroed by that cache. */
  private rememberOpened(slotKey: string, entry: OpeningDataKey): void {
    if (this.recentlyOpened.size >= this.options.openCacheSize) this.recentlyOpened.clear();
    this.recentlyOpened.set(slotKey, entry);
  }

  private now(): number {
    const now = this.clock.now();
    if (now >= this.nextSweepAt) {
      this.nextSweepAt = now + SWEEP_INTERVAL_MS;
      this.sealing.sweep(now);
      this.opening.sweep(now);
    }
    return now;
  }

  private async loadSealingKey(options: SealOptions, reuseMs: number): Promise<SealingDataKey> {
    const contextAad = canonicalContextBytes(options.context);
    let result: Awaited<ReturnType<KeyProvider['generateDataKey']>>;
    try {
      result = await this.keyProvider.generateDataKey({
        keyId: options.keyId,
        context: options.context,
        ...(options.principal === undefined ? {} : { principal: options.principal }),
      });
    } catch (error) {
      this.recorder.forKey(options.keyId).generateDataKeyCalls++;
      throw typedKmsError(error, 'generateDataKey');
    }
    const stats = this.recorder.forKey(result.keyArn);
    stats.generateDataKeyCalls++;
    if (result.plaintext.byteLength !== DATA_KEY_LENGTH) {
      result.plaintext.fill(0);
      throw new KmsInternalError(
        `KeyProvider.generateDataKey returned a ${result.plaintext.byteLength}-byte data key for ${result.keyArn}; the envelope needs ${DATA_KEY_LENGTH} bytes (AES_256)`,
      );
    }
    return new SealingDataKey({
      keyArn: result.keyArn,
      dataKey: result.plaintext,
      encryptedDataKey: result.ciphertextBlob,
      contextAad,
      createdAt: this.clock.now(),
      reusePeriodMs: reuseMs,
      stats,
    });
  }

  /**
   * Whether a Decrypt failure means the envelope is bad rather than KMS unavailable or the
   * caller not allowed. A blob naming a key that does not exist while the key the envelope
   * names does exist can only be a damaged blob; a key that is really gone stays NotFound.
   */
  private async isRejectedCiphertext(
    error: unknown,
    keyArn: string,
    principal: Principal | undefined,
  ): Promise<boolean> {
    if (!isSealbusError(error)) return false;
    if (KMS_CIPHERTEXT_REJECTED.has(error.code)) return true;
    if (!isSealbusError(error, 'KMS.NotFoundException')) return false;
    return this.keyProvider.describeKey(keyArn, principal).then(
      () => true,
      () => false,
    );
  }

  private async loadOpeningKey(
    bytes: Buffer,
    layout: EnvelopeLayout,
    options: OpenOptions,
    reuseMs: number,
  ): Promise<OpeningDataKey> {
    const keyArn = decodeKeyArn(bytes, layout);
    const contextAad = canonicalContextBytes(options.context);
    const stats = this.recorder.forKey(keyArn);
    stats.decryptCalls++;
    let result: Awaited<ReturnType<KeyProvider['decrypt']>>;
    try {
      result = await this.keyProvider.decrypt({
        ciphertextBlob: bytes.slice(layout.encryptedDataKeyStart, layout.encryptedDataKeyEnd),
        context: options.context,
        ...(options.principal === undefined ? {} : { principal: options.principal }),
        ...(options.onBehalfOf === undefined ? {} : { onBehalfOf: options.onBehalfOf }),
      });
    } catch (error) {
      if (await this.isRejectedCiphertext(error, keyArn, options.principal)) {
        throw new EnvelopeIntegrityError(
          `KMS rejected the envelope's encrypted data key (${(error as SealbusError).code}): the envelope was altered, or it was sealed for another encryption context or key; open it with the context it was sealed with`,
          { field: 'encryptedDataKey', cause: error },
        );
      }
      throw typedKmsError(error, 'decrypt');
    }
    const dataKey = asBuffer(result.plaintext);
    if (result.keyArn !== keyArn || dataKey.byteLength !== DATA_KEY_LENGTH) {
      dataKey.fill(0);
      throw new EnvelopeIntegrityError(
        `envelope names key ${describeValue(keyArn)} but its encrypted data key decrypted under ${describeValue(result.keyArn)} to ${dataKey.byteLength} bytes (want ${DATA_KEY_LENGTH}); the envelope was altered`,
        { field: 'keyArn' },
      );
    }
    return new OpeningDataKey({
      keyArn,
      dataKey,
      envelope: bytes,
      layout,
      contextAad,
      createdAt: this.clock.now(),
      reusePeriodMs: reuseMs,
      stats,
    });
  }
}
