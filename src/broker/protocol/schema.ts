// A small schema language for Kafka messages, and the generic encoder/decoder that runs it.
//
// A message is a `struct({...})` of named fields, in wire order. A field has a type, the versions
// it is present in (`'0+'`, `'3-5'`, `'7'`), optionally the versions in which it may be null
// (`nullable(...)`), a tag (tagged fields, flexible versions only) and a default. The encoding
// rules (protocol.html, "Protocol Primitive Types"; messages/README.md):
// - in flexible versions strings, bytes, records and arrays carry an unsigned varint length+1
//   (0 = null) instead of an int16/int32 length (-1 = null); every struct ends with a tagged-field
//   section (count, then tag/size/bytes for each, ascending tags; a tagged field is written only
//   when it differs from its default; unknown tags are skipped when reading);
// - a nullable struct is preceded by an int8: -1 null, 1 present;
// - a field absent from a version is not written, and decodes to its default (0, false, '', empty
//   bytes, the zero Uuid, null records, [] — or the field's own default).
// Types: every int64 is a bigint (offsets, producer ids and timestamps can pass 2^53; one rule for
// all int64s); a uuid is its text form (22 characters of URL-safe base64, as Kafka's Uuid prints);
// bytes and records are Uint8Array. The TypeScript types are inferred from the schemas
// (`ValueOf<typeof schema>`), so they cannot drift from the wire format.
//
// Schemas are compiled once per (version, flexible) into plain lists of active fields.

import { ProtocolError } from './errors';
import { Reader } from './reader';
import { Writer } from './writer';

type Primitive = 'bool' | 'int8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'float64' | 'string' | 'uuid' | 'bytes' | 'records';

export interface Type<T> {
  readonly kind: Primitive | 'array' | 'struct';
  readonly element?: Type<unknown>;
  readonly fields?: Fields;
  /** Phantom: the TypeScript type of a value. */
  readonly __value?: T;
}

export interface Field<T> {
  readonly type: Type<unknown>;
  readonly versions: VersionRange;
  readonly nullableVersions: VersionRange | null;
  readonly tag: number | null;
  readonly defaultValue: T | undefined;
  readonly __value?: T;
}

export type Fields = { readonly [name: string]: Field<unknown> };
export type StructType<F extends Fields> = Type<{ [K in keyof F]: F[K] extends Field<infer T> ? T : never }>;
export type ValueOf<S> = S extends Type<infer T> ? T : never;

/** What an encoder accepts: any field may be left out (its default is written); int64s may be numbers. */
export type Encodable<T> = T extends bigint
  ? bigint | number
  : T extends Uint8Array | string | number | boolean | null
    ? T
    : T extends readonly (infer E)[]
      ? Encodable<E>[]
      : { [K in keyof T]?: Encodable<T[K]> };

export interface VersionRange {
  readonly from: number;
  readonly to: number;
}

export function parseVersions(text: string): VersionRange {
  const match = /^(\d+)(\+|-(\d+))?$/.exec(text);
  if (match === null) throw new Error(`bad version range ${text}`);
  const from = Number(match[1]);
  const to = match[2] === '+' ? Infinity : match[3] !== undefined ? Number(match[3]) : from;
  return { from, to };
}

const inRange = (range: VersionRange | null, version: number): boolean => range !== null && version >= range.from && version <= range.to;

const primitive = <T>(kind: Primitive): Type<T> => ({ kind });
export const bool = primitive<boolean>('bool');
export const int8 = primitive<number>('int8');
export const int16 = primitive<number>('int16');
export const uint16 = primitive<number>('uint16');
export const int32 = primitive<number>('int32');
export const uint32 = primitive<number>('uint32');
export const int64 = primitive<bigint>('int64');
export const float64 = primitive<number>('float64');
export const str = primitive<string>('string');
export const uuid = primitive<string>('uuid');
export const bytes = primitive<Uint8Array>('bytes');
export const records = primitive<Uint8Array | null>('records');

export function array<T>(element: Type<T>): Type<T[]> {
  return { kind: 'array', element };
}
export function struct<F extends Fields>(fields: F): StructType<F> {
  return { kind: 'struct', fields };
}

interface FieldOptions<T> {
  tag?: number;
  default?: T;
}
export function field<T>(type: Type<T>, versions: string, options: FieldOptions<T> = {}): Field<T> {
  return { type, versions: parseVersions(versions), nullableVersions: null, tag: options.tag ?? null, defaultValue: options.default };
}
export function nullable<T>(type: Type<T>, versions: string, nullableVersions: string, options: FieldOptions<T | null> = {}): Field<T | null> {
  return { type, versions: parseVersions(versions), nullableVersions: parseVersions(nullableVersions), tag: options.tag ?? null, defaultValue: options.default };
}

export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** A field's value where it is absent: its own default, else its type's. Fresh objects every call. */
export function defaultOf(f: Field<unknown>): unknown {
  if (f.defaultValue !== undefined) return f.defaultValue;
  return defaultOfType(f.type);
}
function defaultOfType(type: Type<unknown>): unknown {
  switch (type.kind) {
    case 'bool':
      return false;
    case 'int64':
      return 0n;
    case 'string':
      return '';
    case 'uuid':
      return ZERO_UUID;
    case 'bytes':
      return new Uint8Array(0);
    case 'records':
      return null;
    case 'array':
      return [];
    case 'struct': {
      const value: Record<string, unknown> = {};
      for (const [name, f] of Object.entries(type.fields!)) value[name] = defaultOf(f);
      return value;
    }
    default:
      return 0;
  }
}

interface CompiledField {
  readonly name: string;
  readonly field: Field<unknown>;
  readonly type: Type<unknown>;
  readonly nullable: boolean;
}
interface CompiledStruct {
  readonly present: CompiledField[];
  readonly tagged: CompiledField[]; // ascending tags
  readonly absent: Field<unknown>[];
  readonly absentNames: string[];
}

const compiled = new WeakMap<Type<unknown>, Map<number, CompiledStruct>>();

function compile(type: Type<unknown>, version: number, flexible: boolean): CompiledStruct {
  let byVersion = compiled.get(type);
  if (byVersion === undefined) compiled.set(type, (byVersion = new Map()));
  const key = flexible ? -1 - version : version;
  let result = byVersion.get(key);
  if (result === undefined) {
    const present: CompiledField[] = [];
    const tagged: CompiledField[] = [];
    const absent: Field<unknown>[] = [];
    const absentNames: string[] = [];
    for (const [name, f] of Object.entries(type.fields!)) {
      const active = inRange(f.versions, version) && (f.tag === null || flexible);
      if (!active) {
        absent.push(f);
        absentNames.push(name);
        continue;
      }
      const entry = { name, field: f, type: f.type, nullable: inRange(f.nullableVersions, version) };
      (f.tag === null ? present : tagged).push(entry);
    }
    tagged.sort((a, b) => a.field.tag! - b.field.tag!);
    result = { present, tagged, absent, absentNames };
    byVersion.set(key, result);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Decoding

export function decodeStruct(reader: Reader, type: Type<unknown>, version: number, flexible: boolean): Record<string, unknown> {
  const shape = compile(type, version, flexible);
  const value: Record<string, unknown> = {};
  for (const f of shape.present) {
    try {
      value[f.name] = decodeValue(reader, f.type, f.nullable, version, flexible);
    } catch (error) {
      throw error instanceof ProtocolError ? error.within(f.name) : error;
    }
  }
  for (let i = 0; i < shape.absent.length; i++) value[shape.absentNames[i]] = defaultOf(shape.absent[i]);
  for (const f of shape.tagged) value[f.name] = defaultOf(f.field);
  if (flexible) {
    try {
      decodeTaggedFields(reader, shape, value, version);
    } catch (error) {
      throw error instanceof ProtocolError ? error.within('_taggedFields') : error;
    }
  }
  return reorder(type, value);
}

/** Keys in schema order, whatever order they were filled in. */
function reorder(type: Type<unknown>, value: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const name of Object.keys(type.fields!)) ordered[name] = value[name];
  return ordered;
}

function decodeTaggedFields(reader: Reader, shape: CompiledStruct, value: Record<string, unknown>, version: number): void {
  const count = reader.uvarint();
  if (count > reader.remaining) throw new ProtocolError('', `${count} tagged fields announced, ${reader.remaining} bytes left`);
  for (let i = 0; i < count; i++) {
    const tag = reader.uvarint();
    const size = reader.uvarint();
    const content = reader.slice(size, `tagged field ${tag}`);
    const known = shape.tagged.find((f) => f.field.tag === tag);
    if (known === undefined) continue; // unknown tagged fields are skipped, as Kafka does
    try {
      value[known.name] = decodeValue(content, known.type, known.nullable, version, true);
    } catch (error) {
      throw error instanceof ProtocolError ? error.within(known.name) : error;
    }
  }
}

function nullMarker(length: number, nullable: boolean, what: string): boolean {
  if (length !== -1) return false;
  if (!nullable) throw new ProtocolError('', `null ${what} where this version does not allow null`);
  return true;
}

function decodeValue(reader: Reader, type: Type<unknown>, nullable: boolean, version: number, flexible: boolean): unknown {
  switch (type.kind) {
    case 'bool':
      return reader.bool();
    case 'int8':
      return reader.int8();
    case 'int16':
      return reader.int16();
    case 'uint16':
      return reader.uint16();
    case 'int32':
      return reader.int32();
    case 'uint32':
      return reader.uint32();
    case 'int64':
      return reader.int64();
    case 'float64':
      return reader.float64();
    case 'uuid':
      return reader.uuid();
    case 'string': {
      const length = flexible ? reader.compactLength('string') : reader.stringLength();
      if (nullMarker(length, nullable, 'string')) return null;
      if (length > reader.remaining) throw new ProtocolError('', `${reader.remaining} bytes left, string of ${length} bytes`);
      return reader.utf8(length);
    }
    case 'bytes':
    case 'records': {
      const length = flexible ? reader.compactLength(type.kind) : reader.int32Length(type.kind);
      if (nullMarker(length, nullable || type.kind === 'records', type.kind)) return null;
      if (length > reader.remaining) throw new ProtocolError('', `${reader.remaining} bytes left, ${type.kind} of ${length} bytes`);
      return reader.raw(length);
    }
    case 'array': {
      const count = flexible ? reader.compactLength('array') : reader.int32Length('array');
      if (nullMarker(count, nullable, 'array')) return null;
      if (count > reader.remaining) throw new ProtocolError('', `${reader.remaining} bytes left, array of ${count} elements`);
      const items = new Array<unknown>(count);
      for (let i = 0; i < count; i++) {
        try {
          items[i] = decodeValue(reader, type.element!, false, version, flexible);
        } catch (error) {
          throw error instanceof ProtocolError ? error.within(`[${i}]`) : error;
        }
      }
      return items;
    }
    case 'struct': {
      if (nullable) {
        const marker = reader.int8();
        if (marker < 0) return null;
      }
      return decodeStruct(reader, type, version, flexible);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding

export function encodeStruct(writer: Writer, type: Type<unknown>, version: number, flexible: boolean, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ProtocolError('', `${describe(value)} is not a struct`);
  }
  const record = value as Record<string, unknown>;
  const shape = compile(type, version, flexible);
  for (const f of shape.present) {
    try {
      const fieldValue = record[f.name];
      encodeValue(writer, f.type, f.nullable, version, flexible, fieldValue === undefined ? defaultOf(f.field) : fieldValue);
    } catch (error) {
      throw error instanceof ProtocolError ? error.within(f.name) : error;
    }
  }
  if (!flexible) return;
  const taggedBytes: Array<[number, Buffer]> = [];
  for (const f of shape.tagged) {
    const fieldValue = record[f.name];
    if (fieldValue === undefined || sameValue(fieldValue, defaultOf(f.field))) continue;
    try {
      const content = new Writer(64);
      encodeValue(content, f.type, f.nullable, version, true, fieldValue);
      taggedBytes.push([f.field.tag!, content.done()]);
    } catch (error) {
      throw error instanceof ProtocolError ? error.within(f.name) : error;
    }
  }
  writer.uvarint(taggedBytes.length);
  for (const [tag, content] of taggedBytes) writer.uvarint(tag).uvarint(content.length).raw(content);
}

function encodeLength(writer: Writer, flexible: boolean, length: number, int16Length: boolean): void {
  if (flexible) writer.uvarint(length + 1);
  else if (int16Length) writer.int16(length);
  else writer.int32(length);
}

function encodeValue(writer: Writer, type: Type<unknown>, nullable: boolean, version: number, flexible: boolean, value: unknown): void {
  if (value === null && type.kind !== 'records' && !nullable) {
    throw new ProtocolError('', 'null in a version where it is not nullable');
  }
  switch (type.kind) {
    case 'bool':
      if (typeof value !== 'boolean') throw new ProtocolError('', `${describe(value)} is not a boolean`);
      writer.bool(value);
      return;
    case 'int8':
      writer.int8(value as number);
      return;
    case 'int16':
      writer.int16(value as number);
      return;
    case 'uint16':
      writer.uint16(value as number);
      return;
    case 'int32':
      writer.int32(value as number);
      return;
    case 'uint32':
      writer.uint32(value as number);
      return;
    case 'int64':
      writer.int64(value as bigint);
      return;
    case 'float64':
      writer.float64(value as number);
      return;
    case 'uuid':
      writer.uuid(value as string);
      return;
    case 'string': {
      if (value === null) return encodeLength(writer, flexible, -1, true);
      const utf8 = Writer.utf8(value as string);
      if (!flexible && utf8.length > 0x7fff) throw new ProtocolError('', `string of ${utf8.length} bytes is longer than 32767`);
      encodeLength(writer, flexible, utf8.length, true);
      writer.raw(utf8);
      return;
    }
    case 'bytes':
    case 'records': {
      if (value === null) return encodeLength(writer, flexible, -1, false);
      if (!(value instanceof Uint8Array)) throw new ProtocolError('', `${describe(value)} is not a Uint8Array`);
      encodeLength(writer, flexible, value.length, false);
      writer.raw(value);
      return;
    }
    case 'array': {
      if (value === null) return encodeLength(writer, flexible, -1, false);
      if (!Array.isArray(value)) throw new ProtocolError('', `${describe(value)} is not an array`);
      encodeLength(writer, flexible, value.length, false);
      for (let i = 0; i < value.length; i++) {
        try {
          encodeValue(writer, type.element!, false, version, flexible, value[i]);
        } catch (error) {
          throw error instanceof ProtocolError ? error.within(`[${i}]`) : error;
        }
      }
      return;
    }
    case 'struct':
      if (nullable) {
        writer.int8(value === null ? -1 : 1);
        if (value === null) return;
      }
      encodeStruct(writer, type, version, flexible, value);
      return;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value)?.slice(0, 40) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Deep equality for default checks (tagged fields): primitives, bigints, bytes, arrays, structs. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((byte, i) => byte === b[i]);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const left = (a as Record<string, unknown>)[key];
      const right = (b as Record<string, unknown>)[key];
      if (left !== undefined && right !== undefined && !sameValue(left, right)) return false;
    }
    return true;
  }
  return false;
}
