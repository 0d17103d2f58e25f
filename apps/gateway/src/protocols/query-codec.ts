import { InvalidParameterValueError } from '@sealbus/core';
import type { FormTree } from './form.js';
import { element, escapeXml, textElement } from './xml.js';

/**
 * Shapes of the AWS Query protocol: how a JSON-model value (the form the service layer speaks)
 * maps to form keys on the way in and to XML on the way out. Flattened lists and maps are
 * SQS's `Name.N` / `<Name>` repeated; the others are SNS's `Name.member.N` / `Name.entry.N`.
 */
export type QueryShape =
  | { type: 'string' }
  | { type: 'integer' }
  | { type: 'boolean' }
  | { type: 'list'; member: QueryShape; flattened: boolean; memberName: string }
  | {
      type: 'map';
      keyName: string;
      valueName: string;
      value: QueryShape;
      flattened: boolean;
    }
  | StructureShape;

export interface StructureShape {
  type: 'structure';
  members: Record<string, QueryMember>;
}

export interface QueryMember {
  shape: QueryShape;
  /** The Query key and XML element name when it differs from the JSON member name. */
  name?: string;
}

export const str: QueryShape = { type: 'string' };
export const int: QueryShape = { type: 'integer' };
export const bool: QueryShape = { type: 'boolean' };

/** A structure whose members are given as shapes or `[queryName, shape]` pairs. */
export function struct(members: Record<string, QueryShape | [string, QueryShape]>): StructureShape {
  const out: Record<string, QueryMember> = {};
  for (const [jsonName, spec] of Object.entries(members)) {
    out[jsonName] = Array.isArray(spec) ? { name: spec[0], shape: spec[1] } : { shape: spec };
  }
  return { type: 'structure', members: out };
}

/** SQS style: `Name.1`, `Name.2` on the way in; repeated `<Name>` in XML. */
export function flatList(member: QueryShape): QueryShape {
  return { type: 'list', member, flattened: true, memberName: 'member' };
}

/** SNS style: `Name.member.1`; `<Name><member>…</member></Name>` in XML. */
export function memberList(member: QueryShape): QueryShape {
  return { type: 'list', member, flattened: false, memberName: 'member' };
}

/** SQS style: `Name.1.Key`/`Name.1.Value`; repeated `<Name><Key/><Value/></Name>` in XML. */
export function flatMap(keyName: string, valueName: string, value: QueryShape = str): QueryShape {
  return { type: 'map', keyName, valueName, value, flattened: true };
}

/** SNS style: `Name.entry.1.key`; `<Name><entry><key/><value/></entry></Name>` in XML. */
export function entryMap(keyName: string, valueName: string, value: QueryShape = str): QueryShape {
  return { type: 'map', keyName, valueName, value, flattened: false };
}

type Node = FormTree | string | undefined;

/** Decodes a form tree into the JSON-model object of `shape`; absent members stay absent. */
export function decodeQuery(tree: FormTree, shape: StructureShape): Record<string, unknown> {
  return decodeStructure(tree, shape, '');
}

function decodeStructure(node: Node, shape: StructureShape, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof node !== 'object') return out;
  for (const [jsonName, member] of Object.entries(shape.members)) {
    const key = member.name ?? jsonName;
    const value = decodeNode(node[key], member.shape, path === '' ? key : `${path}.${key}`);
    if (value !== undefined) out[jsonName] = value;
  }
  return out;
}

function decodeNode(node: Node, shape: QueryShape, path: string): unknown {
  if (node === undefined) return undefined;
  switch (shape.type) {
    case 'string':
      return typeof node === 'string' ? node : undefined;
    case 'integer':
      return decodeInteger(node, path);
    case 'boolean':
      return decodeBoolean(node, path);
    case 'structure':
      return decodeStructure(node, shape, path);
    case 'list': {
      const items = shape.flattened ? node : typeof node === 'object' ? node[shape.memberName] : '';
      return indexed(items, path).map(([n, item]) =>
        decodeNode(item, shape.member, `${path}.${n}`),
      );
    }
    case 'map': {
      const entries = shape.flattened ? node : typeof node === 'object' ? node.entry : '';
      const out: Record<string, unknown> = {};
      for (const [n, entry] of indexed(entries, path)) {
        const entryNode = typeof entry === 'object' ? entry : {};
        const key = entryNode[shape.keyName];
        if (typeof key !== 'string') {
          throw new InvalidParameterValueError(
            `${path}.${n}.${shape.keyName} is required for every entry of ${path}`,
            { field: `${path}.${n}.${shape.keyName}` },
          );
        }
        // defineProperty: a map key such as `__proto__` is data, never the object's prototype.
        Object.defineProperty(out, key, {
          value: decodeNode(
            entryNode[shape.valueName],
            shape.value,
            `${path}.${n}.${shape.valueName}`,
          ),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
  }
}

/** The `1`, `2`, … children in index order; a bare `Param=` is an empty list. */
function indexed(node: Node, path: string): Array<[number, Node]> {
  if (typeof node !== 'object') return [];
  const out: Array<[number, Node]> = [];
  for (const [key, value] of Object.entries(node)) {
    const n = Number(key);
    if (!Number.isInteger(n) || n < 1 || String(n) !== key) {
      throw new InvalidParameterValueError(
        `${path}.${key} is not a valid list index: Query lists are numbered from 1 (${path}.1, ${path}.2, …)`,
        { field: `${path}.${key}` },
      );
    }
    out.push([n, value]);
  }
  return out.sort(([a], [b]) => a - b);
}

function decodeInteger(node: Node, path: string): number {
  if (typeof node !== 'string' || !/^-?\d+$/.test(node.trim())) {
    throw new InvalidParameterValueError(
      `${path} must be an integer; got ${JSON.stringify(typeof node === 'string' ? node : '<nested>')}`,
      { field: path },
    );
  }
  return Number(node.trim());
}

function decodeBoolean(node: Node, path: string): boolean {
  if (node === 'true') return true;
  if (node === 'false') return false;
  throw new InvalidParameterValueError(
    `${path} must be true or false; got ${JSON.stringify(typeof node === 'string' ? node : '<nested>')}`,
    { field: path },
  );
}

/** Encodes the members of a JSON-model object as XML, in the order of the shape. */
export function encodeXml(value: Record<string, unknown>, shape: StructureShape): string {
  let out = '';
  for (const [jsonName, member] of Object.entries(shape.members)) {
    const memberValue = value[jsonName];
    if (memberValue === undefined || memberValue === null) continue;
    out += encodeMember(member.name ?? jsonName, memberValue, member.shape);
  }
  return out;
}

function encodeMember(name: string, value: unknown, shape: QueryShape): string {
  switch (shape.type) {
    case 'list': {
      const items = (value as unknown[]).map((item) => encodeContent(item, shape.member));
      return shape.flattened
        ? items.map((item) => element(name, item)).join('')
        : element(name, items.map((item) => element(shape.memberName, item)).join(''));
    }
    case 'map': {
      const entries = Object.entries(value as Record<string, unknown>).map(
        ([key, entryValue]) =>
          textElement(shape.keyName, key) +
          element(shape.valueName, encodeContent(entryValue, shape.value)),
      );
      return shape.flattened
        ? entries.map((entry) => element(name, entry)).join('')
        : element(name, entries.map((entry) => element('entry', entry)).join(''));
    }
    default:
      return element(name, encodeContent(value, shape));
  }
}

function encodeContent(value: unknown, shape: QueryShape): string {
  if (shape.type === 'structure') return encodeXml(value as Record<string, unknown>, shape);
  if (shape.type === 'list' || shape.type === 'map') {
    throw new TypeError(`a ${shape.type} directly inside a list or map has no Query encoding`);
  }
  return escapeXml(String(value));
}
