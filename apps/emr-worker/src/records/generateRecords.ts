import { randomUUID } from 'node:crypto';
import { type PatientRecord, PRESCRIBING_RECORD_TYPES, RECORD_TYPES } from './PatientRecord.js';
import { integerBetween, pick, type Random } from './random.js';

const GIVEN_NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Niklaus'];
const FAMILY_NAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Novak', 'Haddad', 'Kowalski'];
const FACILITIES = ['St. Brigid General', 'Riverside Clinic', 'Northgate Medical Center'];
const DIAGNOSES = ['E11.9', 'I10', 'J45.909', 'M54.5', 'K21.9', 'F41.1', 'N39.0', 'R51'];
const PROCEDURES = ['99213', '99214', '80053', '85025', '93000', '71046'];
const MEDICATIONS = [
  { rxnorm: '860975', name: 'metformin', doseMg: 500 },
  { rxnorm: '314076', name: 'lisinopril', doseMg: 10 },
  { rxnorm: '745679', name: 'albuterol', doseMg: 0.09 },
  { rxnorm: '197361', name: 'amlodipine', doseMg: 5 },
  { rxnorm: '310965', name: 'ibuprofen', doseMg: 400 },
] as const;
const FREQUENCIES = ['once daily', 'twice daily', 'every 8 hours', 'as needed'] as const;

export interface GeneratedRecord {
  /** What is published: JSON text, valid or (for poison records) not matching the schema. */
  body: string;
  recordType: PatientRecord['recordType'];
  poison: boolean;
}

/**
 * Synthetic patient records (no real data). A `poisonShare` of them is malformed, so the
 * integrations reject them and the queues' redrive sends them to the DLQs, still sealed.
 */
export function generateRecord(
  random: Random,
  options: { poisonShare: number; now: Date },
): GeneratedRecord {
  const recordType = pick(random, RECORD_TYPES);
  const prescribing = PRESCRIBING_RECORD_TYPES.includes(recordType);
  const record: PatientRecord = {
    recordId: randomUUID(),
    recordType,
    patient: {
      mrn: `MRN-${String(integerBetween(random, 0, 99_999_999)).padStart(8, '0')}`,
      givenName: pick(random, GIVEN_NAMES),
      familyName: pick(random, FAMILY_NAMES),
      birthDate: `${integerBetween(random, 1935, 2020)}-${String(integerBetween(random, 1, 12)).padStart(2, '0')}-${String(integerBetween(random, 1, 28)).padStart(2, '0')}`,
    },
    encounter: {
      facility: pick(random, FACILITIES),
      attendingNpi: String(integerBetween(random, 1_000_000_000, 1_999_999_999)),
      diagnosisCodes: [pick(random, DIAGNOSES), pick(random, DIAGNOSES)],
      procedureCodes: recordType === 'encounter' ? [pick(random, PROCEDURES)] : [],
      ...(recordType === 'discharge-summary'
        ? { followUpInDays: integerBetween(random, 3, 30) }
        : {}),
    },
    medications: prescribing
      ? [
          {
            ...pick(random, MEDICATIONS),
            frequency: pick(random, FREQUENCIES),
            refills: integerBetween(random, 0, 5),
          },
        ]
      : [],
    occurredAt: options.now.toISOString(),
  };
  const poison = random() < options.poisonShare;
  if (poison) {
    // A realistic upstream bug: the MRN arrives without its prefix, which every integration rejects.
    return {
      body: JSON.stringify({
        ...record,
        patient: { ...record.patient, mrn: record.patient.mrn.slice(4) },
      }),
      recordType,
      poison,
    };
  }
  return { body: JSON.stringify(record), recordType, poison };
}
