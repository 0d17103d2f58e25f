import { AwsServiceError } from './AwsServiceError.js';
import {
  type AwsService,
  ERROR_CATALOGUE,
  type SealbusErrorCode,
  type WireFault,
  type WireSpec,
} from './catalogue.js';
import { SealbusError } from './SealbusError.js';

/** An error as one AWS service reports it, whatever its protocol. */
export interface AwsWireError {
  /** Query `<Code>`, the SQS JSON `x-amzn-query-error` code, or the KMS `__type`. */
  code: string;
  /** SQS JSON `__type` shape name (without `com.amazonaws.sqs#`). */
  jsonType: string;
  status: number;
  fault: WireFault;
  /** AWS's text where the catalogue has it, else the error's own message. */
  message: string;
  /** The sealbus code (`InternalFailure` for an error that is not a sealbus error). */
  sealbusCode: SealbusErrorCode;
}

/** What the request adds to a text: the action named on the wire (`SendMessageBatch`). */
export interface WireContext {
  action?: string;
}

/**
 * How `service` reports `error` on the wire: the catalogue's code, status and AWS text. An
 * error that is not a sealbus error (a bug) goes out as `InternalFailure` with AWS's generic
 * text, so nothing about it leaks.
 */
export function awsWireError(
  error: unknown,
  service: AwsService,
  context: WireContext = {},
): AwsWireError {
  if (!(error instanceof SealbusError)) {
    const spec = ERROR_CATALOGUE.InternalFailure.wire[service];
    return {
      code: spec.code,
      jsonType: spec.code,
      status: spec.status,
      fault: 'Receiver',
      message: awsText(spec, undefined, context) ?? '',
      sealbusCode: 'InternalFailure',
    };
  }
  const fault: WireFault = error.fault === 'server' ? 'Receiver' : 'Sender';
  if (error instanceof AwsServiceError) {
    const status = error.fault === 'server' ? 500 : 400;
    return {
      ...unlisted(error.awsCode, status),
      fault,
      message: error.message,
      sealbusCode: error.code,
    };
  }
  const spec = wireSpec(error.code, service);
  if (spec === undefined) {
    return {
      ...unlisted(error.code, error.fault === 'server' ? 500 : 400),
      fault,
      message: error.message,
      sealbusCode: error.code,
    };
  }
  return {
    code: spec.code,
    jsonType: spec.json ?? spec.code,
    status: spec.status,
    fault,
    message: awsText(spec, error, context) ?? error.message,
    sealbusCode: error.code,
  };
}

/** The AWS code a batch entry reports (`Failed[].Code`) for a sealbus code. */
export function awsBatchEntryCode(code: string, service: AwsService): string {
  if (!Object.hasOwn(ERROR_CATALOGUE, code)) return code;
  const spec = wireSpec(code as SealbusErrorCode, service);
  return spec?.code ?? code;
}

function wireSpec(code: SealbusErrorCode, service: AwsService): WireSpec | undefined {
  const wire: Partial<Record<AwsService, WireSpec>> = ERROR_CATALOGUE[code].wire;
  return wire[service];
}

/** A code no entry names keeps its code, minus the `KMS.` prefix in KMS JSON. */
function unlisted(
  code: string,
  status: number,
): Pick<AwsWireError, 'code' | 'jsonType' | 'status'> {
  return { code, jsonType: code.startsWith('KMS.') ? code.slice(4) : code, status };
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The spec's text with its placeholders filled, or `undefined` when one has no value. */
function awsText(
  spec: WireSpec,
  error: SealbusError | undefined,
  context: WireContext,
): string | undefined {
  const field = error?.field === undefined ? undefined : bareField(error.field);
  const template =
    typeof spec.text === 'string'
      ? spec.text
      : field === undefined
        ? undefined
        : spec.text?.[field];
  if (template === undefined) return undefined;
  const values: Record<string, string | number | undefined> = {
    ...error?.params,
    ...(field === undefined ? {} : { field }),
    ...(context.action === undefined ? {} : { action: context.action }),
  };
  let complete = true;
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) complete = false;
    return String(value);
  });
  return complete ? text : undefined;
}

/** `Entries[3].DelaySeconds` → `DelaySeconds`: AWS names the parameter, not its path. */
function bareField(field: string): string {
  return field.slice(field.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
}
