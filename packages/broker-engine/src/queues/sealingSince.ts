import type { ResolvedQueueAttributes } from '@sealbus/core';
import { queueSealsBodies } from '../sse/BodySealer.js';
import type { QueueRecordPatch } from '../store/MessageStore.js';

/**
 * How an attribute change moves `sealingSince`: set when SSE is turned on, cleared when it is
 * turned off, kept otherwise (so plaintext backlog from before the switch stays readable).
 */
export function sealingSincePatch(
  before: ResolvedQueueAttributes,
  after: ResolvedQueueAttributes,
  now: number,
): Pick<QueueRecordPatch, 'sealingSince'> {
  const sealed = queueSealsBodies(before);
  const seals = queueSealsBodies(after);
  if (seals === sealed) return {};
  return { sealingSince: seals ? now : null };
}
