import { InvalidParameterValueError } from '@sealbus/core';
import { type DeliveryFilter, listRecordedDeliveries } from '../data/recordedDeliveries.js';
import { sendHtml } from '../http/respond.js';
import { type ConsolePage, route } from '../http/routes.js';
import { deliveriesPage as renderDeliveriesPage } from '../views/deliveriesPage.js';
import type { PageRequest } from './PageRequest.js';

/** An email address, phone number or URL is far shorter; anything longer is no endpoint. */
const MAX_ENDPOINT_LENGTH = 2048;

function deliveryFilter(params: URLSearchParams, regions: readonly string[]): DeliveryFilter {
  const filter: DeliveryFilter = {};
  const endpoint = params.get('endpoint');
  if (endpoint !== null && endpoint !== '') {
    if (endpoint.length > MAX_ENDPOINT_LENGTH) {
      throw new InvalidParameterValueError(
        `endpoint must be at most ${MAX_ENDPOINT_LENGTH} characters; got ${endpoint.length}.`,
        { field: 'endpoint' },
      );
    }
    filter.endpoint = endpoint;
  }
  const region = params.get('region');
  if (region !== null && region !== '') {
    if (!regions.includes(region)) {
      throw new InvalidParameterValueError(
        `region must be one this process has open (${regions.join(', ')}); got ${JSON.stringify(region.slice(0, 64))}.`,
        { field: 'region' },
      );
    }
    filter.region = region;
  }
  return filter;
}

async function showDeliveries(request: PageRequest): Promise<void> {
  const { res, url, page, config, sessions, req, session } = request;
  const regions = config.regions();
  const names = regions.map(({ region }) => region);
  const filter = deliveryFilter(url.searchParams, names);
  const deliveries = await listRecordedDeliveries(
    regions,
    {
      kms: config.kms,
      principal: config.principal,
      onBehalfOf: sessions.identity(req, session),
      logger: config.logger,
    },
    filter,
  );
  sendHtml(res, 200, renderDeliveriesPage(page, deliveries, names, filter));
}

/** The email, SMS and other deliveries each region's broker recorded instead of sending. */
export const deliveriesPage = {
  name: 'deliveries',
  routes: [route('GET', 'deliveries', showDeliveries)],
} satisfies ConsolePage;
