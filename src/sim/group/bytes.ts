/**
 * Big-endian byte writing and reading for Kafka's non-flexible encodings (int16/int32 lengths,
 * as ConsumerProtocolSubscription and ConsumerProtocolAssignment use). Plain Uint8Array and
 * DataView: no Node built-ins. A truncated or malformed buffer throws a ByteFormatError naming
 * what was being read and where. (The engine has no TextEncoder: ES2022 only, so UTF-8 is here.)
 */
export class ByteFormatError extends Error {}

export class ByteWriter {
  private buffer = new Uint8Array(64);
  private view = new DataView(this.buffer.buffer);
  private length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  int16(value: number): this {
    this.ensure(2);
    this.view.setInt16(this.length, value);
    this.length += 2;
    return this;
  }

  int32(value: number): this {
    this.ensure(4);
    this.view.setInt32(this.length, value);
    this.length += 4;
    return this;
  }

  /** A non-nullable string: int16 length and UTF-8 bytes. */
  string(value: string): this {
    const bytes = utf8Encode(value);
    this.int16(bytes.length);
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** A nullable string: length -1 for null. */
  nullableString(value: string | null): this {
    if (value === null) return this.int16(-1);
    return this.string(value);
  }

  /** Nullable bytes: int32 length (-1 for null) and the bytes. */
  bytes(value: Uint8Array | null): this {
    if (value === null) return this.int32(-1);
    this.int32(value.length);
    this.ensure(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
    return this;
  }

  array<T>(items: readonly T[], write: (item: T) => void): this {
    this.int32(items.length);
    for (const item of items) write(item);
    return this;
  }

  done(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

export class ByteReader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly data: Uint8Array, private readonly what: string) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  private need(n: number, field: string): void {
    if (this.offset + n > this.data.length) {
      throw new ByteFormatError(`${this.what}: ${field} needs ${n} bytes at offset ${this.offset}, but only ${this.data.length - this.offset} remain`);
    }
  }

  get remaining(): number {
    return this.data.length - this.offset;
  }

  int16(field: string): number {
    this.need(2, field);
    const v = this.view.getInt16(this.offset);
    this.offset += 2;
    return v;
  }

  int32(field: string): number {
    this.need(4, field);
    const v = this.view.getInt32(this.offset);
    this.offset += 4;
    return v;
  }

  /** A length prefix of `width` bytes: null for -1, else checked against what remains. */
  private length(field: string, width: 2 | 4): number | null {
    const n = width === 2 ? this.int16(field) : this.int32(field);
    if (n === -1) return null;
    if (n < 0) throw new ByteFormatError(`${this.what}: ${field} has length ${n} at offset ${this.offset - width}`);
    this.need(n, field);
    return n;
  }

  nullableString(field: string): string | null {
    const n = this.length(field, 2);
    if (n === null) return null;
    const s = utf8Decode(this.data.subarray(this.offset, this.offset + n));
    this.offset += n;
    return s;
  }

  string(field: string): string {
    const s = this.nullableString(field);
    if (s === null) throw new ByteFormatError(`${this.what}: ${field} is null at offset ${this.offset - 2}, expected a string`);
    return s;
  }

  bytes(field: string): Uint8Array | null {
    const n = this.length(field, 4);
    if (n === null) return null;
    const b = this.data.slice(this.offset, this.offset + n);
    this.offset += n;
    return b;
  }

  array<T>(field: string, read: (i: number) => T): T[] {
    const n = this.int32(field);
    if (n === -1) return [];
    // Each element is at least one byte: a count larger than what is left is a lie.
    if (n < 0 || n > this.remaining) throw new ByteFormatError(`${this.what}: ${field} has ${n} elements at offset ${this.offset - 4}, but only ${this.remaining} bytes remain`);
    const items: T[] = [];
    for (let i = 0; i < n; i++) items.push(read(i));
    return items;
  }
}

/** UTF-8 bytes of a string; a lone surrogate becomes U+FFFD, as TextEncoder does. */
export function utf8Encode(value: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < value.length; i++) {
    let c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** A string from UTF-8 bytes; malformed sequences become U+FFFD exactly as TextDecoder (WHATWG) does. */
export function utf8Decode(bytes: Uint8Array): string {
  const out: string[] = [];
  let needed = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      if (b <= 0x7f) out.push(String.fromCharCode(b));
      else if (b >= 0xc2 && b <= 0xdf) [needed, cp] = [1, b & 0x1f];
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        [needed, cp] = [2, b & 0xf];
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        [needed, cp] = [3, b & 0x7];
      } else out.push('\ufffd');
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence is cut short: one replacement, and this byte starts afresh.
      [needed, seen, cp, lower, upper] = [0, 0, 0, 0x80, 0xbf];
      out.push('\ufffd');
      i--;
      continue;
    }
    [lower, upper] = [0x80, 0xbf];
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      out.push(String.fromCodePoint(cp));
      [needed, seen, cp] = [0, 0, 0];
    }
  }
  if (needed > 0) out.push('\ufffd');
  return out.join('');
}
