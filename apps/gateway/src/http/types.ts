import type { IncomingHttpHeaders } from 'node:http';
import type { ActionContext } from '../services/context.js';

/** A request after the body was read and the caller identified. */
export interface GatewayRequest {
  method: string;
  path: string;
  /** Raw query string, without `?`. */
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
  context: ActionContext;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One wire protocol: runs a request, and renders errors raised before it could run. */
export interface Protocol {
  readonly name: string;
  handle(request: GatewayRequest): Promise<WireResponse>;
  /** `action` is the operation the request named, when the protocol implements it (AWS texts quote it). */
  error(error: unknown, requestId: string, action?: string): WireResponse;
}
