import { createHash } from 'node:crypto';
import type { MessageHandler } from '@sealbus/worker';
import type { PatientRecord } from '../records/PatientRecord.js';
import type { Outbox } from './Outbox.js';

/** CPT fee schedule of the demo clearinghouse, in cents. */
const FEES_CENTS: Readonly<Record<string, number>> = {
  '99213': 9_200,
  '99214': 13_100,
  '80053': 1_400,
  '85025': 1_100,
  '93000': 1_700,
  '71046': 3_100,
};

/** One in `TRANSIENT_FAILURE_ONE_IN` records meets a clearinghouse outage on its first attempt. */
export const TRANSIENT_FAILURE_ONE_IN = 25;

export function hitsClearinghouseOutage(recordId: string): boolean {
  return (
    createHash('sha256').update(recordId).digest().readUInt32BE(0) % TRANSIENT_FAILURE_ONE_IN === 0
  );
}

/** Turns encounters into claims; other record types only update the patient's account. */
export function billingHandler(outbox: Outbox): MessageHandler<PatientRecord> {
  return async (message) => {
    const record = message.payload;
    if (message.receiveCount === 1 && hitsClearinghouseOutage(record.recordId)) {
      return { status: 'retryLater', delaySeconds: 1, errorReason: 'clearinghouse returned 503' };
    }
    if (record.recordType !== 'encounter') {
      outbox.add('account updates');
      return { status: 'consumed' };
    }
    const totalCents = record.encounter.procedureCodes.reduce(
      (sum, code) => sum + (FEES_CENTS[code] ?? 0),
      0,
    );
    outbox.add('claims submitted');
    outbox.add('claimed cents', totalCents);
    return { status: 'consumed' };
  };
}
