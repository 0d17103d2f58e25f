/** The EMR fanout topology: one encrypted topic, three encrypted integration queues with DLQs. */
export const TOPIC_NAME = 'Patient-Records';

export const INTEGRATIONS = [
  {
    queueName: 'Billing-Integration',
    keyAlias: 'alias/emr/billing',
    principal: 'billing-integration',
  },
  {
    queueName: 'Scheduling-Integration',
    keyAlias: 'alias/emr/scheduling',
    // Scheduling only routes appointments by record type and forwards the envelope to the
    // scheduling vendor: its key policy denies it kms:Decrypt, so it handles messages sealed.
    principal: 'scheduling-integration',
    deniedDecrypt: true,
  },
  {
    queueName: 'Prescription-Integration',
    keyAlias: 'alias/emr/prescription',
    principal: 'prescription-integration',
    filtered: true,
  },
] as const;

export type Integration = (typeof INTEGRATIONS)[number];

export const TOPIC_KEY_ALIAS = 'alias/emr/patient-records';
/** The ECC_NIST_P256 key the Prescription integration signs e-prescriptions with. */
export const PRESCRIPTION_SIGNING_KEY_ALIAS = 'alias/emr/prescription-signing';
export const PRODUCER_PRINCIPAL = 'ehr-producer';
export const MAX_RECEIVE_COUNT = 3;
export const REUSE_PERIOD_SECONDS = 300;

export function deadLetterQueueName(queueName: string): string {
  return `${queueName}-DLQ`;
}
