import type { MessageHandler } from '@sealbus/worker';
import type { PatientRecord } from '../records/PatientRecord.js';
import {
  ePrescriptionDocument,
  type PrescriptionNetwork,
  type PrescriptionSigner,
} from './ePrescriptions.js';
import type { Outbox } from './Outbox.js';

/**
 * Sends each prescribed medication to the e-prescribing network (NCPDP SCRIPT in production),
 * signed with the prescribing system's KMS key as e-prescriptions must be.
 */
export function prescriptionHandler(
  outbox: Outbox,
  sign: PrescriptionSigner,
  network: PrescriptionNetwork,
): MessageHandler<PatientRecord> {
  return async (message) => {
    const record = message.payload;
    if (record.medications.length === 0) {
      outbox.add('prescribing records without medication');
      return { status: 'consumed' };
    }
    for (const medication of record.medications) {
      const document = ePrescriptionDocument(record, medication);
      network.receive({ document, signature: await sign(document) });
    }
    outbox.add('e-prescriptions sent', record.medications.length);
    outbox.add(
      'refills authorised',
      record.medications.reduce((sum, m) => sum + m.refills, 0),
    );
    return { status: 'consumed' };
  };
}
