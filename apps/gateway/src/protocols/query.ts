import { type AwsService, awsWireError, InvalidActionError } from '@sealbus/core';
import type { GatewayRequest, Protocol, WireResponse } from '../http/types.js';
import type { Actions } from '../services/context.js';
import type { ActionInput } from '../services/input.js';
import { formTree, requestFormPairs } from './form.js';
import { decodeQuery, encodeXml, type StructureShape } from './query-codec.js';
import { element, textElement, XML_DECLARATION } from './xml.js';

/** An operation's Query shapes; no `output` means a void result (only `<ResponseMetadata>`). */
export interface QueryOperation {
  input: StructureShape;
  output?: StructureShape;
}

export interface QueryProtocolOptions {
  name: string;
  /** XML namespace of responses, e.g. `http://queue.amazonaws.com/doc/2012-11-05/`. */
  namespace: string;
  operations: Readonly<Record<string, QueryOperation>>;
  actions: Actions;
  /** The service whose codes and texts the errors carry. */
  service: AwsService;
  /** Fills inputs from the request itself, e.g. an SQS `QueueUrl` taken from the path. */
  complete?(input: Record<string, unknown>, request: GatewayRequest): ActionInput;
}

const XML_CONTENT_TYPE = 'text/xml';

/** The AWS Query protocol: form-encoded `Action=` requests, XML responses. */
export function queryProtocol(options: QueryProtocolOptions): Protocol {
  return {
    name: options.name,
    async handle(request) {
      const tree = formTree(requestFormPairs(request));
      const operationName = typeof tree.Action === 'string' ? tree.Action : '';
      const operation = Object.hasOwn(options.operations, operationName)
        ? options.operations[operationName]
        : undefined;
      const action = Object.hasOwn(options.actions, operationName)
        ? options.actions[operationName]
        : undefined;
      if (operation === undefined || action === undefined) {
        throw new InvalidActionError(
          `The action ${operationName === '' ? '(none)' : operationName} is not valid for this web service.`,
          { field: 'Action' },
        );
      }
      const decoded = decodeQuery(tree, operation.input);
      const input = options.complete === undefined ? decoded : options.complete(decoded, request);
      const output = await action(input, request.context);
      const result =
        operation.output === undefined
          ? ''
          : element(`${operationName}Result`, encodeXml(output, operation.output));
      const root = `${operationName}Response`;
      return xmlResponse(
        200,
        `<${root} xmlns="${options.namespace}">${result}${responseMetadata(request.requestId)}</${root}>`,
      );
    },
    error(error, requestId, action) {
      const wire = awsWireError(error, options.service, { action });
      return xmlResponse(
        wire.status,
        `<ErrorResponse xmlns="${options.namespace}">${element(
          'Error',
          textElement('Type', wire.fault) +
            textElement('Code', wire.code) +
            textElement('Message', wire.message) +
            '<Detail/>',
        )}${textElement('RequestId', requestId)}</ErrorResponse>`,
      );
    },
  };
}

function responseMetadata(requestId: string): string {
  return element('ResponseMetadata', textElement('RequestId', requestId));
}

function xmlResponse(status: number, xml: string): WireResponse {
  return {
    status,
    headers: { 'content-type': XML_CONTENT_TYPE },
    body: `${XML_DECLARATION}\n${xml}`,
  };
}
