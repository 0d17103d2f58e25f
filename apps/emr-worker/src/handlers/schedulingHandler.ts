import type { SealedAwareHandler } from '@sealbus/worker';
import type { PatientRecord } from '../records/PatientRecord.js';
import type { Outbox } from './Outbox.js';

/**
 * Scheduling may not read PHI (its key policy denies kms:Decrypt): it routes on the clear-text
 * `recordType` attribute and forwards the still-sealed envelope to the scheduling vendor, which
 * holds its own grant on the key.
 */
export function schedulingHandler(outbox: Outbox): SealedAwareHandler<PatientRecord> {
  return async (message) => {
    const recordType = message.messageAttributes.recordType?.stringValue;
    if (message.state === 'open') {
      outbox.add('appointments from plaintext');
      return { status: 'consumed' };
    }
    if (recordType === 'encounter' || recordType === 'discharge-summary') {
      outbox.add('sealed appointment requests forwarded');
    } else {
      outbox.add('sealed records ignored by scheduling');
    }
    return { status: 'consumed' };
  };
}
