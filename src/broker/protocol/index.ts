// The Kafka wire-protocol codec of the lab broker: framing and headers, the requests and responses
// of the APIs in API_KEYS (every version in Kafka's specs), and RecordBatch v2 with CRC-32C and gzip.
// Node only (Buffer, node:zlib); nothing here knows about sockets or the simulation.

export { ProtocolError, CorruptRecordError, UnsupportedCompressionError } from './errors';
export { Reader } from './reader';
export { Writer } from './writer';
export { API_KEYS, API_DEFINITIONS, apiByKey, isFlexible } from './registry';
export type { ApiName, ApiDefinition, RequestOf, ResponseOf, RequestInput, ResponseInput } from './registry';
export { readRequestHeader, decodeRequest, encodeRequest, encodeResponse, decodeResponse, encodeApiVersionsFallback } from './messages';
export type { RequestHeader } from './messages';
export type { Encodable, ValueOf } from './schema';
export { ZERO_UUID } from './schema';
