// The errors the codec throws. Every malformed input ends in a ProtocolError (or one of its two
// record subclasses), never in a RangeError or a TypeError: the broker answers or closes the
// connection, and keeps running.
//
// `field` is the path of what was being read or written (e.g. `topics[2].name`), `detail` what was
// wrong with it; the message joins the context (the message and version, e.g. `MetadataRequest v9`),
// the field and the detail.

export class ProtocolError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
    readonly context = '',
  ) {
    super([context, field, detail].filter((part) => part !== '').join(': '));
    this.name = 'ProtocolError';
  }

  /** The same error one level further out: `inner` becomes `outer.inner` (or `outer[3]` for indexes). */
  within(outer: string): ProtocolError {
    const field = this.field === '' ? outer : this.field.startsWith('[') ? outer + this.field : `${outer}.${this.field}`;
    return this.rebuild(field, this.context);
  }

  /** The same error with the message it happened in, e.g. `MetadataRequest v9`. */
  inContext(context: string): ProtocolError {
    return this.context === '' ? this.rebuild(this.field, context) : this;
  }

  protected rebuild(field: string, context: string): ProtocolError {
    return new ProtocolError(field, this.detail, context);
  }
}

/** A record batch whose CRC-32C does not match its bytes (Kafka answers CORRUPT_MESSAGE, code 2). */
export class CorruptRecordError extends ProtocolError {
  constructor(field: string, detail: string, context = '') {
    super(field, detail, context);
    this.name = 'CorruptRecordError';
  }
  protected override rebuild(field: string, context: string): ProtocolError {
    return new CorruptRecordError(field, this.detail, context);
  }
}

/** A record batch compressed with a codec the lab does not implement: snappy (2), lz4 (3), zstd (4)
 * (Kafka answers UNSUPPORTED_COMPRESSION_TYPE, code 76). */
export class UnsupportedCompressionError extends ProtocolError {
  constructor(
    readonly codec: number,
    field: string,
    detail: string,
    context = '',
  ) {
    super(field, detail, context);
    this.name = 'UnsupportedCompressionError';
  }
  protected override rebuild(field: string, context: string): ProtocolError {
    return new UnsupportedCompressionError(this.codec, field, this.detail, context);
  }
}

/** Runs `read` and names `field` in any ProtocolError it throws. */
export function named<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof ProtocolError ? error.within(field) : error;
  }
}
