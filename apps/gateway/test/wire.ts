import type { RawResponse } from './raw.js';

/** An error answer as a client reads it: HTTP status, error code and message text. */
export interface WireAnswer {
  status: number;
  code: string;
  message: string;
  /** SQS JSON only: the `x-amzn-query-error` code SDKs map to the Query error. */
  queryCode?: string;
}

const XML_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&#xD;': '\r',
};

function xmlText(xml: string, element: string): string | undefined {
  const match = new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml);
  return match?.[1]?.replace(/&(?:amp|lt|gt|quot|apos|#xD);/g, (e) => XML_ENTITIES[e]!);
}

/**
 * Reads an answer the way an AWS SDK of `protocol` would, or throws when it is not AWS-shaped
 * (wrong content type, unparseable body, no error code, no request id).
 */
export function readAnswer(protocol: string, response: RawResponse): WireAnswer {
  const requestId = response.headers['x-amzn-requestid'];
  if (typeof requestId !== 'string' || requestId === '') {
    throw new Error(`no x-amzn-RequestId on a ${response.status} answer`);
  }
  const type = response.headers['content-type'] ?? '';
  if (protocol === 'sqs-query' || protocol === 'sns-query') {
    if (type !== 'text/xml') throw new Error(`Query answer with content-type ${type}`);
    if (response.status === 200) {
      if (!/^<\?xml version="1.0"\?>\n<\w+Response xmlns="/.test(response.body)) {
        throw new Error('Query success that is no <…Response> document');
      }
      return { status: 200, code: '', message: '' };
    }
    const code = xmlText(response.body, 'Code');
    const message = xmlText(response.body, 'Message');
    if (!response.body.includes('<ErrorResponse') || code === undefined || message === undefined) {
      throw new Error(`Query error without <ErrorResponse><Code><Message>: ${response.status}`);
    }
    return { status: response.status, code, message };
  }
  const expected =
    protocol === 'sqs-json' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
  if (type !== expected) throw new Error(`${protocol} answer with content-type ${type}`);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  if (response.status === 200) return { status: 200, code: '', message: '' };
  if (typeof body.__type !== 'string' || typeof body.message !== 'string') {
    throw new Error(`${protocol} error without __type and message: ${response.status}`);
  }
  const answer: WireAnswer = {
    status: response.status,
    code: body.__type.replace(/^com\.amazonaws\.sqs#/, ''),
    message: body.message,
  };
  if (protocol === 'sqs-json') {
    const header = response.headers['x-amzn-query-error'];
    if (typeof header !== 'string') throw new Error('SQS JSON error without x-amzn-query-error');
    answer.queryCode = header.split(';')[0]!;
  }
  return answer;
}
