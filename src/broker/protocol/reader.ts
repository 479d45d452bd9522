// Reads Kafka's primitive types (protocol.html, "Protocol Primitive Types") from a byte array.
// Every read checks the bytes left first and throws a ProtocolError saying how many were needed and
// how many were left; the caller (the schema engine) adds the field's name. Nothing here can loop
// without consuming a byte: varints stop after 5 (int) or 10 (long) bytes.

import { ProtocolError } from './errors';

const textDecoder = new TextDecoder('utf-8');

export class Reader {
  private readonly view: DataView;
  offset: number;
  private readonly end: number;

  constructor(
    private readonly buf: Uint8Array,
    offset = 0,
    end = buf.length,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.offset = offset;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  private need(bytes: number, what: string): number {
    const at = this.offset;
    if (bytes > this.end - at) {
      throw new ProtocolError('', `${this.end - at} bytes left, ${what} of ${bytes} bytes`);
    }
    this.offset = at + bytes;
    return at;
  }

  int8(): number {
    return this.view.getInt8(this.need(1, 'int8'));
  }
  uint8(): number {
    return this.view.getUint8(this.need(1, 'uint8'));
  }
  bool(): boolean {
    return this.int8() !== 0;
  }
  int16(): number {
    return this.view.getInt16(this.need(2, 'int16'));
  }
  uint16(): number {
    return this.view.getUint16(this.need(2, 'uint16'));
  }
  int32(): number {
    return this.view.getInt32(this.need(4, 'int32'));
  }
  uint32(): number {
    return this.view.getUint32(this.need(4, 'uint32'));
  }
  int64(): bigint {
    return this.view.getBigInt64(this.need(8, 'int64'));
  }
  float64(): number {
    return this.view.getFloat64(this.need(8, 'float64'));
  }

  /** UNSIGNED_VARINT: 7 bits a byte, low groups first, at most 5 bytes (as Kafka's ByteUtils). */
  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.offset >= this.end) throw new ProtocolError('', `${this.remaining} bytes left, varint unfinished`);
      const byte = this.buf[this.offset++];
      value |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value >>> 0;
    }
    throw new ProtocolError('', 'varint longer than 5 bytes');
  }

  /** VARINT: a zig-zag encoded int32. */
  varint(): number {
    const raw = this.uvarint();
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** VARLONG: a zig-zag encoded int64, at most 10 bytes. */
  varlong(): bigint {
    let low = 0; // the first 28 bits, as a number
    let shift = 0;
    for (; shift < 28; shift += 7) {
      if (this.offset >= this.end) throw new ProtocolError('', `${this.remaining} bytes left, varlong unfinished`);
      const byte = this.buf[this.offset++];
      low |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) {
        const raw = BigInt(low >>> 0);
        return (raw >> 1n) ^ -(raw & 1n);
      }
    }
    let raw = BigInt(low >>> 0);
    for (; shift < 70; shift += 7) {
      if (this.offset >= this.end) throw new ProtocolError('', `${this.remaining} bytes left, varlong unfinished`);
      const byte = this.buf[this.offset++];
      raw |= BigInt(byte & 0x7f) << BigInt(shift);
      if ((byte & 0x80) === 0) {
        raw = BigInt.asUintN(64, raw);
        return BigInt.asIntN(64, (raw >> 1n) ^ -(raw & 1n));
      }
    }
    throw new ProtocolError('', 'varlong longer than 10 bytes');
  }

  /** UUID: 16 bytes, returned in Kafka's text form (URL-safe base64 without padding, 22 characters). */
  uuid(): string {
    const at = this.need(16, 'uuid');
    return Buffer.from(this.buf.buffer, this.buf.byteOffset + at, 16).toString('base64url');
  }

  /** `length` raw bytes, copied (the frame's buffer may be reused). */
  raw(length: number, what = 'bytes'): Uint8Array {
    const at = this.need(length, what);
    return this.buf.slice(at, at + length);
  }

  /** `length` bytes as UTF-8 text (malformed sequences become U+FFFD, as Java's decoder does). */
  utf8(length: number): string {
    const at = this.need(length, 'string');
    return textDecoder.decode(this.buf.subarray(at, at + length));
  }

  /** A reader over the next `length` bytes, which this reader skips. */
  slice(length: number, what: string): Reader {
    const at = this.need(length, what);
    return new Reader(this.buf, at, at + length);
  }

  /** Every byte left, copied. */
  rest(): Uint8Array {
    return this.raw(this.remaining);
  }

  // Length prefixes. -1 (or 0 for the compact +1 forms) means null; anything below is an error.

  /** STRING/NULLABLE_STRING length: int16, -1 null. */
  stringLength(): number {
    const length = this.int16();
    if (length < -1) throw new ProtocolError('', `string length ${length} is negative`);
    return length;
  }
  /** BYTES/NULLABLE_BYTES length and ARRAY count: int32, -1 null. */
  int32Length(what: string): number {
    const length = this.int32();
    if (length < -1) throw new ProtocolError('', `${what} length ${length} is negative`);
    return length;
  }
  /** COMPACT_* length: unsigned varint N+1, 0 null (returns -1 for null). */
  compactLength(what: string): number {
    const raw = this.uvarint();
    if (raw > 0x7fffffff) throw new ProtocolError('', `${what} length ${raw - 1} is too large`);
    return raw - 1;
  }
}
