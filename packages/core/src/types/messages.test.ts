import { describe, expectTypeOf, it } from 'vitest';
import type * as kmsErrors from '../errors/kms.js';
import { isSealedReason, type KmsErrorCode, type SealedReason } from './messages.js';

/** The literal `code`s of the error classes a module exports. */
type CodesOf<Module> = {
  [K in keyof Module]: Module[K] extends abstract new (
    ...args: never[]
  ) => { readonly code: infer C extends string }
    ? C
    : never;
}[keyof Module];

describe('KmsErrorCode', () => {
  it('is exactly the codes of the KMS error classes (tsc fails the test file otherwise)', () => {
    expectTypeOf<KmsErrorCode>().toEqualTypeOf<CodesOf<typeof kmsErrors>>();
  });

  it('isSealedReason accepts KMS codes and integrity reasons, nothing else', () => {
    const reasons: SealedReason[] = ['KMS.AccessDeniedException', 'EnvelopeIntegrity'];
    for (const reason of reasons) expectTypeOf(isSealedReason(reason)).toEqualTypeOf<boolean>();
    if (!reasons.every(isSealedReason) || isSealedReason('QueueDoesNotExist')) {
      throw new Error('isSealedReason disagrees with SealedReason');
    }
  });
});
