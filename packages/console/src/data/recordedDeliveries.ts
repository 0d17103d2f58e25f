import type { EngineBroker, RecordedDelivery } from '@sealbus/broker-engine';
import { isSealbusError, type Logger } from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';

/** One region's broker, named by its region. */
export interface RegionBroker {
  readonly region: string;
  readonly broker: EngineBroker;
}

/** The brokers a host has open, read at each listing: a gateway opens regions as requests name them. */
export type RegionBrokerList = () => readonly RegionBroker[];

/** Why a delivery's body is not shown: the reader may not decrypt with the topic's key. */
export interface WithheldBody {
  code: string;
  message: string;
}

/** A recorded delivery as listed: its region, and its body only for a reader the key admits. */
export type ListedDelivery = Omit<RecordedDelivery, 'body'> & { region: string } & (
    | { body: string; withheld?: undefined }
    | { body?: undefined; withheld: WithheldBody }
  );

export interface DeliveryReader {
  kms: LocalKms;
  /** Who reads: the key policy of an encrypted topic's key must allow it `kms:Decrypt`. */
  principal: string;
  /** Recorded with the check in the KMS audit log (the console's signed-in session). */
  onBehalfOf?: string;
  logger: Logger;
}

export interface DeliveryFilter {
  /** Only deliveries to this address, number or URL. */
  endpoint?: string;
  /** Only this region's deliveries. */
  region?: string;
}

/**
 * The deliveries each broker recorded instead of sending, oldest first per region. A delivery of
 * an encrypted topic carries its plaintext, so its body is shown only when the reader may
 * `kms:Decrypt` with the topic's key, checked once per key and listing (audited as
 * `AuthorizeKeyUse`); a topic deleted since cannot be checked, so its bodies are withheld too.
 * The log line counts rows and never carries a body or an endpoint.
 */
export async function listRecordedDeliveries(
  regions: readonly RegionBroker[],
  reader: DeliveryReader,
  filter: DeliveryFilter = {},
): Promise<ListedDelivery[]> {
  const listed: ListedDelivery[] = [];
  let withheld = 0;
  for (const { region, broker } of regions) {
    if (filter.region !== undefined && filter.region !== region) continue;
    const access = new Map<string, Promise<WithheldBody | undefined>>();
    for (const { body, ...delivery } of broker.recordedDeliveries(filter.endpoint)) {
      let check = access.get(delivery.topicArn);
      if (check === undefined) {
        check = topicAccess(broker, delivery.topicArn, reader);
        access.set(delivery.topicArn, check);
      }
      const refused = await check;
      if (refused === undefined) listed.push({ ...delivery, region, body });
      else {
        withheld += 1;
        listed.push({ ...delivery, region, withheld: refused });
      }
    }
  }
  reader.logger.info(
    {
      principal: reader.principal,
      onBehalfOf: reader.onBehalfOf,
      deliveries: listed.length,
      withheld,
    },
    'recorded deliveries listed',
  );
  return listed;
}

/** A topic's ARN; a platform endpoint's (`…:endpoint/GCM/app/id`) has slashes, a topic name none. */
const TOPIC_ARN = /^arn:[^:]+:sns:[^:]+:\d{12}:[\w-]{1,256}(?:\.fifo)?$/;

/** `undefined` when the reader may see bodies published to `topicArn`, else why not. */
async function topicAccess(
  broker: EngineBroker,
  topicArn: string,
  reader: DeliveryReader,
): Promise<WithheldBody | undefined> {
  // A direct publish (to a phone number or a platform endpoint) names no topic and no key.
  if (!TOPIC_ARN.test(topicArn)) return undefined;
  let keyId: string | undefined;
  try {
    keyId = (await (await broker.getTopic(topicArn)).getAttributes()).KmsMasterKeyId;
  } catch (error) {
    if (!isSealbusError(error) || error.retryable) throw error;
    return {
      code: error.code,
      message: `The topic ${topicArn} no longer exists, so its key policy cannot be checked: the body stays hidden.`,
    };
  }
  if (keyId === undefined || keyId === '') return undefined;
  try {
    await reader.kms.authorizeKeyUse({
      keyId,
      action: 'kms:Decrypt',
      principal: reader.principal,
      ...(reader.onBehalfOf === undefined ? {} : { onBehalfOf: reader.onBehalfOf }),
    });
    return undefined;
  } catch (error) {
    if (!isSealbusError(error) || error.retryable) throw error;
    return { code: error.code, message: error.message };
  }
}
