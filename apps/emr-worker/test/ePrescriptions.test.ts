import { describe, expect, it } from 'vitest';
import { openBackend } from '../src/backends.js';
import { parseConfig } from '../src/config.js';
import { ePrescriptionDocument, PrescriptionNetwork } from '../src/handlers/ePrescriptions.js';
import { generateRecord } from '../src/records/generateRecords.js';
import { type PatientRecord, patientRecordSchema } from '../src/records/PatientRecord.js';
import { seededRandom } from '../src/records/random.js';

function recordWithMedication(): PatientRecord {
  const random = seededRandom(3);
  for (;;) {
    const { body } = generateRecord(random, { poisonShare: 0, now: new Date() });
    const record = patientRecordSchema.parse(JSON.parse(body));
    if (record.medications.length > 0) return record;
  }
}

describe('e-prescription signatures', () => {
  it('verify with the public key alone; an altered or foreign-signed prescription does not', async () => {
    const config = await parseConfig(['--backend', 'memory'], {});
    if (config === 'help') throw new Error('unexpected help');
    const backend = await openBackend(config);
    try {
      const signing = await backend.keys.ensureSigningKey('alias/test/signing', 'signing');
      const other = await backend.keys.ensureSigningKey('alias/test/other', 'another key');
      const network = new PrescriptionNetwork(await backend.keys.publicKey(signing));
      const record = recordWithMedication();
      const document = ePrescriptionDocument(record, record.medications[0]!);
      const signature = await backend.keys.sign(signing, document, 'prescription-integration');

      expect(network.receive({ document, signature })).toBe(true);
      const altered = new TextEncoder().encode(
        new TextDecoder().decode(document).replace(/"refills":\d+/, '"refills":99'),
      );
      expect(network.receive({ document: altered, signature })).toBe(false);
      const foreign = await backend.keys.sign(other, document, 'prescription-integration');
      expect(network.receive({ document, signature: foreign })).toBe(false);
      expect(network.counts).toEqual({ received: 3, verified: 1 });
    } finally {
      await backend.close();
    }
  });
});
