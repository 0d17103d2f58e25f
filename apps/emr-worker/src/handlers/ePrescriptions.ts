import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { PatientRecord } from '../records/PatientRecord.js';

/** The algorithm KMS signs e-prescriptions with: ECDSA over P-256 with SHA-256. */
export const PRESCRIPTION_SIGNING_ALGORITHM = 'ECDSA_SHA_256';

/** One e-prescription as the network receives it: the document and the prescriber's signature. */
export interface SignedPrescription {
  document: Uint8Array;
  signature: Uint8Array;
}

/** Signs with a KMS key the integration may only use, never read (KMS `Sign`). */
export type PrescriptionSigner = (document: Uint8Array) => Promise<Uint8Array>;

/** The document of one prescribed medication, serialized once so the signature covers exact bytes. */
export function ePrescriptionDocument(
  record: PatientRecord,
  medication: PatientRecord['medications'][number],
): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      recordId: record.recordId,
      patient: record.patient.mrn,
      prescriber: record.encounter.attendingNpi,
      rxnorm: medication.rxnorm,
      doseMg: medication.doseMg,
      frequency: medication.frequency,
      refills: medication.refills,
      issuedAt: record.occurredAt,
    }),
  );
}

/**
 * The receiving e-prescribing network: it holds only the public key (DER SubjectPublicKeyInfo,
 * as KMS GetPublicKey returns it) and checks each prescription with node:crypto, no KMS access.
 */
export class PrescriptionNetwork {
  readonly #publicKey: KeyObject;
  #received = 0;
  #verified = 0;

  constructor(publicKeyDer: Uint8Array) {
    this.#publicKey = createPublicKey({
      key: Buffer.from(publicKeyDer),
      format: 'der',
      type: 'spki',
    });
  }

  /** Whether the signature verifies; a forged or altered prescription does not. */
  receive(prescription: SignedPrescription): boolean {
    this.#received += 1;
    const valid = verify('sha256', prescription.document, this.#publicKey, prescription.signature);
    if (valid) this.#verified += 1;
    return valid;
  }

  get counts(): { received: number; verified: number } {
    return { received: this.#received, verified: this.#verified };
  }
}
