// Frames, headers and whole messages (protocol.html, "Common Request and Response Structure").
//
// A frame on the socket is an int32 size and that many bytes. A request's bytes start with the
// request header: v1 (apiKey, apiVersion, correlationId, clientId as a NULLABLE_STRING) for an
// API's non-flexible versions, v2 (the same, then a tagged-field section) for its flexible ones;
// the clientId stays a non-compact string even in v2. A response starts with the response header:
// v0 (correlationId), or v1 (correlationId and tagged fields) for flexible versions — except
// ApiVersions responses, which always use v0 so that a client can read them before it knows what
// the broker speaks (KIP-511).
//
// Trailing bytes after a request body are ignored, as Kafka's generated readers ignore them
// (`body.remaining` tells the broker if it wants to know).

import { ProtocolError } from './errors';
import { Reader } from './reader';
import { API_DEFINITIONS, apiByKey, isFlexible, requestSchema, responseSchema } from './registry';
import type { ApiName, RequestInput, RequestOf, ResponseInput, ResponseOf } from './registry';
import { decodeStruct, encodeStruct } from './schema';
import { Writer } from './writer';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
  headerVersion: 1 | 2;
}

/** Kafka's UNSUPPORTED_VERSION error code. */
const UNSUPPORTED_VERSION = 35;

function requestHeaderVersion(apiKey: number, apiVersion: number): 1 | 2 {
  const api = apiByKey(apiKey);
  return api !== undefined && apiVersion >= api.flexibleFrom ? 2 : 1;
}

function responseHeaderVersion(api: ApiName, version: number): 0 | 1 {
  return api !== 'ApiVersions' && isFlexible(api, version) ? 1 : 0;
}

function read<T>(context: string, field: string, reading: () => T): T {
  try {
    return reading();
  } catch (error) {
    if (error instanceof ProtocolError) throw (field === '' ? error : error.within(field)).inContext(context);
    throw error;
  }
}

/** Skips a tagged-field section whose tags this codec does not know (headers have none it uses). */
function skipTaggedFields(reader: Reader): void {
  const count = reader.uvarint();
  if (count > reader.remaining) throw new ProtocolError('', `${count} tagged fields announced, ${reader.remaining} bytes left`);
  for (let i = 0; i < count; i++) {
    const tag = reader.uvarint();
    reader.slice(reader.uvarint(), `tagged field ${tag}`);
  }
}

/**
 * A request frame's bytes after the 4-byte size prefix: its header and a Reader at the body. An
 * unknown API key still yields a header (v1), so the broker can log it and close the connection.
 */
export function readRequestHeader(frame: Uint8Array): { header: RequestHeader; body: Reader } {
  const reader = new Reader(frame);
  const apiKey = read('RequestHeader', 'requestApiKey', () => reader.int16());
  const apiVersion = read('RequestHeader', 'requestApiVersion', () => reader.int16());
  const correlationId = read('RequestHeader', 'correlationId', () => reader.int32());
  const clientId = read('RequestHeader', 'clientId', () => {
    const length = reader.stringLength();
    if (length === -1) return null;
    if (length > reader.remaining) throw new ProtocolError('', `${reader.remaining} bytes left, string of ${length} bytes`);
    return reader.utf8(length);
  });
  const headerVersion = requestHeaderVersion(apiKey, apiVersion);
  if (headerVersion === 2) read('RequestHeader', '_taggedFields', () => skipTaggedFields(reader));
  return { header: { apiKey, apiVersion, correlationId, clientId, headerVersion }, body: reader };
}

function checkVersion(api: ApiName, version: number, what: string): void {
  const definition = API_DEFINITIONS[api];
  if (definition === undefined) throw new ProtocolError('', `unknown API ${JSON.stringify(api)}`, what);
  const [from, to] = definition.validVersions;
  if (!Number.isInteger(version) || version < from || version > to) {
    throw new ProtocolError('', `version ${version} is not one of ${from}-${to}`, `${api}${what}`);
  }
}

/** Decodes a request body (the Reader readRequestHeader returned). */
export function decodeRequest<K extends ApiName>(api: K, version: number, body: Reader): RequestOf<K> {
  checkVersion(api, version, 'Request');
  const context = `${api}Request v${version}`;
  return read(context, '', () => decodeStruct(body, requestSchema(api), version, isFlexible(api, version))) as RequestOf<K>;
}

/** A whole request frame: size prefix, request header (v1 or v2), body. */
export function encodeRequest<K extends ApiName>(
  api: K,
  version: number,
  header: { correlationId: number; clientId: string | null },
  request: RequestInput<K>,
): Buffer {
  checkVersion(api, version, 'Request');
  const context = `${api}Request v${version}`;
  const writer = new Writer();
  writer.int32(0);
  const flexible = isFlexible(api, version);
  read(context, 'header', () => {
    writer.int16(API_DEFINITIONS[api].apiKey).int16(version).int32(header.correlationId);
    if (header.clientId === null) writer.int16(-1);
    else {
      const utf8 = Writer.utf8(header.clientId);
      if (utf8.length > 0x7fff) throw new ProtocolError('clientId', `${utf8.length} bytes is longer than 32767`);
      writer.int16(utf8.length).raw(utf8);
    }
    if (flexible) writer.uvarint(0);
  });
  read(context, '', () => encodeStruct(writer, requestSchema(api), version, flexible, request));
  return finishFrame(writer);
}

/** A whole response frame: size prefix, response header (v0, or v1 for flexible versions but never for ApiVersions), body. */
export function encodeResponse<K extends ApiName>(api: K, version: number, correlationId: number, response: ResponseInput<K>): Buffer {
  checkVersion(api, version, 'Response');
  const context = `${api}Response v${version}`;
  const writer = new Writer();
  writer.int32(0);
  read(context, 'correlationId', () => writer.int32(correlationId));
  if (responseHeaderVersion(api, version) === 1) writer.uvarint(0);
  read(context, '', () => encodeStruct(writer, responseSchema(api), version, isFlexible(api, version), response));
  return finishFrame(writer);
}

/** Decodes a response frame's bytes after the 4-byte size prefix. */
export function decodeResponse<K extends ApiName>(api: K, version: number, frame: Uint8Array): { correlationId: number; response: ResponseOf<K> } {
  checkVersion(api, version, 'Response');
  const context = `${api}Response v${version}`;
  const reader = new Reader(frame);
  const correlationId = read(context, 'correlationId', () => reader.int32());
  if (responseHeaderVersion(api, version) === 1) read(context, '_taggedFields', () => skipTaggedFields(reader));
  const response = read(context, '', () => decodeStruct(reader, responseSchema(api), version, isFlexible(api, version))) as ResponseOf<K>;
  return { correlationId, response };
}

/**
 * The answer to an ApiVersions request whose version the broker does not support (or cannot parse):
 * a v0 response with UNSUPPORTED_VERSION and the ranges the broker supports, whatever version was
 * asked for; the client retries with the highest version it shares with them (KIP-511).
 */
export function encodeApiVersionsFallback(
  correlationId: number,
  apiKeys: ReadonlyArray<{ apiKey: number; minVersion: number; maxVersion: number }>,
  errorCode = UNSUPPORTED_VERSION,
): Buffer {
  return encodeResponse('ApiVersions', 0, correlationId, { errorCode, apiKeys: apiKeys.map((key) => ({ ...key })) });
}

function finishFrame(writer: Writer): Buffer {
  const frame = writer.done();
  writer.patchInt32(0, frame.length - 4);
  return frame;
}
