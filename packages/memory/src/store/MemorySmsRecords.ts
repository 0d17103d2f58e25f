import type { PhoneNumberRecord, SmsRecordStore } from '@sealbus/broker-engine';

/** The SMS attributes and opt-out list of a memory store; records go in and out as copies. */
export class MemorySmsRecords implements SmsRecordStore {
  readonly #attributes = new Map<string, string>();
  readonly #phoneNumbers = new Map<string, PhoneNumberRecord>();

  async getSmsAttributes(): Promise<Record<string, string>> {
    return Object.fromEntries(this.#attributes);
  }

  async setSmsAttributes(attributes: Readonly<Record<string, string>>): Promise<void> {
    for (const [name, value] of Object.entries(attributes)) this.#attributes.set(name, value);
  }

  async getPhoneNumber(phoneNumber: string): Promise<PhoneNumberRecord | undefined> {
    const record = this.#phoneNumbers.get(phoneNumber);
    return record === undefined ? undefined : { ...record };
  }

  async savePhoneNumber(record: PhoneNumberRecord): Promise<void> {
    this.#phoneNumbers.set(record.phoneNumber, { ...record });
  }

  async listOptedOutPhoneNumbers(request: { after?: string; limit: number }): Promise<string[]> {
    const { after } = request;
    return [...this.#phoneNumbers.values()]
      .filter((record) => record.optedOut && (after === undefined || record.phoneNumber > after))
      .map((record) => record.phoneNumber)
      .sort()
      .slice(0, request.limit);
  }
}
