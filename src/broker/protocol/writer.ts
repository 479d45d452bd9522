// Writes Kafka's primitive types into a growing buffer. Values out of a type's range are a
// ProtocolError (a response the broker builds wrong must not be sent half-written).

import { ProtocolError } from './errors';

const INITIAL_SIZE = 256;

export class Writer {
  private buf: Buffer;
  private view: DataView;
  private pos = 0;

  constructor(initialSize = INITIAL_SIZE) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initialSize));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  get length(): number {
    return this.pos;
  }

  private reserve(bytes: number): number {
    const at = this.pos;
    if (at + bytes > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < at + bytes) size *= 2;
      const grown = Buffer.allocUnsafe(size);
      this.buf.copy(grown, 0, 0, at);
      this.buf = grown;
      this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
    }
    this.pos = at + bytes;
    return at;
  }

  private checkInteger(value: number, min: number, max: number, type: string): void {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ProtocolError('', `${String(value)} is not an ${type}`);
    }
  }

  int8(value: number): this {
    this.checkInteger(value, -0x80, 0x7f, 'int8');
    this.view.setInt8(this.reserve(1), value);
    return this;
  }
  uint8(value: number): this {
    this.checkInteger(value, 0, 0xff, 'uint8');
    this.view.setUint8(this.reserve(1), value);
    return this;
  }
  bool(value: boolean): this {
    return this.int8(value ? 1 : 0);
  }
  int16(value: number): this {
    this.checkInteger(value, -0x8000, 0x7fff, 'int16');
    this.view.setInt16(this.reserve(2), value);
    return this;
  }
  uint16(value: number): this {
    this.checkInteger(value, 0, 0xffff, 'uint16');
    this.view.setUint16(this.reserve(2), value);
    return this;
  }
  int32(value: number): this {
    this.checkInteger(value, -0x80000000, 0x7fffffff, 'int32');
    this.view.setInt32(this.reserve(4), value);
    return this;
  }
  uint32(value: number): this {
    this.checkInteger(value, 0, 0xffffffff, 'uint32');
    this.view.setUint32(this.reserve(4), value);
    return this;
  }
  int64(value: bigint | number): this {
    const big = toInt64(value);
    this.view.setBigInt64(this.reserve(8), big);
    return this;
  }
  float64(value: number): this {
    if (typeof value !== 'number') throw new ProtocolError('', `${String(value)} is not a float64`);
    this.view.setFloat64(this.reserve(8), value);
    return this;
  }

  uvarint(value: number): this {
    this.checkInteger(value, 0, 0xffffffff, 'unsigned varint');
    let rest = value >>> 0;
    while (rest >= 0x80) {
      this.buf[this.reserve(1)] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.buf[this.reserve(1)] = rest;
    return this;
  }
  varint(value: number): this {
    this.checkInteger(value, -0x80000000, 0x7fffffff, 'int32 varint');
    return this.uvarint(((value << 1) ^ (value >> 31)) >>> 0);
  }
  varlong(value: bigint | number): this {
    const big = toInt64(value);
    let rest = BigInt.asUintN(64, (big << 1n) ^ (big >> 63n));
    while (rest >= 0x80n) {
      this.buf[this.reserve(1)] = Number(rest & 0x7fn) | 0x80;
      rest >>= 7n;
    }
    this.buf[this.reserve(1)] = Number(rest);
    return this;
  }

  uuid(value: string): this {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'base64url') : null;
    if (bytes === null || bytes.length !== 16 || bytes.toString('base64url') !== value) {
      throw new ProtocolError('', `${JSON.stringify(value)} is not a Kafka Uuid (22 characters of URL-safe base64)`);
    }
    bytes.copy(this.buf, this.reserve(16));
    return this;
  }

  raw(bytes: Uint8Array): this {
    if (!(bytes instanceof Uint8Array)) throw new ProtocolError('', 'not a Uint8Array');
    this.buf.set(bytes, this.reserve(bytes.length));
    return this;
  }

  /** The UTF-8 bytes of `text` (for strings, whose length prefix comes first). */
  static utf8(text: string): Buffer {
    if (typeof text !== 'string') throw new ProtocolError('', `${String(text)} is not a string`);
    return Buffer.from(text, 'utf8');
  }

  /** Overwrites 4 bytes at `offset` (a size prefix reserved earlier). */
  patchInt32(offset: number, value: number): void {
    this.view.setInt32(offset, value);
  }

  /** The bytes written so far (a view of this writer's buffer: write nothing more afterwards). */
  done(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

function toInt64(value: bigint | number): bigint {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new ProtocolError('', `${value} is not an int64 (as a number it must be a safe integer)`);
    return BigInt(value);
  }
  if (typeof value !== 'bigint' || value < -(1n << 63n) || value >= 1n << 63n) {
    throw new ProtocolError('', `${String(value)} is not an int64`);
  }
  return value;
}
