import { z } from 'zod';

/** Record types are the only routing field published as a (clear-text) message attribute. */
export const RECORD_TYPES = [
  'encounter',
  'lab-result',
  'prescription',
  'discharge-summary',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Record types that carry prescriptions: the Prescription integration's filter policy. */
export const PRESCRIBING_RECORD_TYPES: readonly RecordType[] = [
  'prescription',
  'discharge-summary',
];

const medication = z.object({
  rxnorm: z.string().regex(/^\d{4,7}$/),
  name: z.string().min(1),
  doseMg: z.number().positive(),
  frequency: z.enum(['once daily', 'twice daily', 'every 8 hours', 'as needed']),
  refills: z.number().int().min(0).max(11),
});

/** A synthetic electronic-medical-record event. Everything here is PHI and travels sealed. */
export const patientRecordSchema = z.object({
  recordId: z.string().uuid(),
  recordType: z.enum(RECORD_TYPES),
  patient: z.object({
    mrn: z.string().regex(/^MRN-\d{8}$/),
    givenName: z.string().min(1),
    familyName: z.string().min(1),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  encounter: z.object({
    facility: z.string().min(1),
    attendingNpi: z.string().regex(/^\d{10}$/),
    diagnosisCodes: z.array(z.string().regex(/^[A-Z]\d{2}(\.\d{1,4})?$/)).min(1),
    procedureCodes: z.array(z.string().regex(/^\d{5}$/)),
    followUpInDays: z.number().int().min(0).max(365).optional(),
  }),
  medications: z.array(medication),
  occurredAt: z.string().datetime(),
});

export type PatientRecord = z.infer<typeof patientRecordSchema>;
