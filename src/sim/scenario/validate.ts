/**
 * Validates a parsed scenario against `schemas/kafkalab.schema.json` by INTERPRETING the schema:
 * a small interpreter for the subset of JSON Schema draft-07 that file uses. It never generates
 * code (no eval / new Function, unlike Ajv), so it also runs inside a webview with a strict CSP.
 *
 * Supported keywords: $ref (to "#/..." JSON pointers), type (string or list), const, enum,
 * minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, minLength, maxLength
 * (counted in code points, as the spec says), pattern (ECMAScript, "u" flag like Ajv), items
 * (one schema for every item), minItems, maxItems, uniqueItems, required, properties,
 * additionalProperties (boolean or schema), allOf, anyOf, oneOf, not, if/then/else.
 * Annotations (title, description, default, examples, $comment, $schema, definitions) are ignored,
 * except that `examples` and `title` improve error messages.
 *
 * Errors name the JSON path ($.groups[0].consumers[1].ratePerSec), the offending value and what was
 * expected. For a oneOf whose branches are told apart by a `const` property (the timeline's
 * "action"), the errors of the branch that matches that property are reported.
 *
 * Over 500 lines: one interpreter, its keywords and its messages, kept together on purpose.
 */
import { escapeControlCharacters, showValue } from '../showValue';

/** A property name from a file, quoted and with control characters escaped (it may be anything). */
export function quoteKey(key: string): string {
  return escapeControlCharacters(JSON.stringify(key.length > 200 ? `${key.slice(0, 200)}...` : key));
}
import schemaJson from '../../../schemas/kafkalab.schema.json';
import { NAME_SCHEMA_PATTERN } from '../limits';

export interface ScenarioError {
  /** JSON path, e.g. `$.topics[0].partitions` or `$.groups[0].consumers[1].config["session.timeout.ms"]`. */
  readonly path: string;
  /** The offending value (undefined for a missing property or a JSON syntax error). */
  readonly value: unknown;
  /** What was expected, e.g. "expected an integer ≥ 1". */
  readonly message: string;
  /** For JSON syntax errors: 1-based line and column (in UTF-16 code units) of the error. */
  readonly line?: number;
  readonly column?: number;
}

/** The subset of a draft-07 schema object the interpreter reads. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly items?: SchemaNode | boolean;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode | boolean>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly allOf?: readonly (SchemaNode | boolean)[];
  readonly anyOf?: readonly (SchemaNode | boolean)[];
  readonly oneOf?: readonly (SchemaNode | boolean)[];
  readonly not?: SchemaNode | boolean;
  readonly if?: SchemaNode | boolean;
  readonly then?: SchemaNode | boolean;
  readonly else?: SchemaNode | boolean;
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly definitions?: Readonly<Record<string, SchemaNode | boolean>>;
}

/** The scenario schema (the contents of `schemas/kafkalab.schema.json`). */
export const scenarioSchema: SchemaNode = schemaJson as unknown as SchemaNode;

export const MAX_ERRORS = 50;

/** Validates `value` against the scenario schema. Returns [] when it is valid. Never throws. */
export function validateScenarioShape(value: unknown, maxErrors: number = MAX_ERRORS): ScenarioError[] {
  return validateWithSchema(scenarioSchema, value, maxErrors);
}

/** Validates `value` against any schema written in the supported subset. Never throws on data. */
export function validateWithSchema(root: SchemaNode, value: unknown, maxErrors: number = MAX_ERRORS): ScenarioError[] {
  const ctx = new Context(root, Math.max(1, maxErrors));
  try {
    validateNode(ctx, root, value, '$');
  } catch (e) {
    // Only a broken schema (bad $ref, bad pattern) can get here; report instead of throwing.
    ctx.errors.push({ path: '$', value: undefined, message: `internal validator error: ${e instanceof Error ? e.message : String(e)}` });
  }
  return ctx.errors.slice(0, ctx.max);
}

// ---------------------------------------------------------------------------------------------

class Context {
  readonly errors: ScenarioError[] = [];
  constructor(
    readonly root: SchemaNode,
    readonly max: number,
    private readonly regexCache = new Map<string, RegExp>(),
  ) {}
  get full(): boolean {
    return this.errors.length >= this.max;
  }
  add(path: string, value: unknown, message: string): void {
    if (this.full) return;
    // The same fact can be found twice (e.g. "at" is required by timelineEntry and by its branch).
    const i = this.errors.findIndex((e) => e.path === path && (e.message === message || (e.value === undefined && value === undefined)));
    if (i >= 0) {
      // Two "missing" reports for one property: keep the more informative message.
      if (message.length > this.errors[i]!.message.length) this.errors[i] = { path, value, message };
      return;
    }
    this.errors.push({ path, value, message });
  }
  /** A context for trying one branch of anyOf/oneOf: same root, fresh error list. */
  branch(): Context {
    return new Context(this.root, this.max, this.regexCache);
  }
  regex(pattern: string): RegExp {
    let r = this.regexCache.get(pattern);
    if (!r) {
      r = new RegExp(pattern, 'u');
      this.regexCache.set(pattern, r);
    }
    return r;
  }
  resolve(ref: string): SchemaNode | boolean {
    if (!ref.startsWith('#')) throw new Error(`unsupported $ref ${ref}`);
    let node: unknown = this.root;
    const pointer = ref.slice(1);
    if (pointer !== '') {
      if (!pointer.startsWith('/')) throw new Error(`unsupported $ref ${ref}`);
      for (const raw of pointer.slice(1).split('/')) {
        const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
        if (node === null || typeof node !== 'object' || !hasOwn(node, key)) throw new Error(`unresolvable $ref ${ref}`);
        node = (node as Record<string, unknown>)[key];
      }
    }
    if (typeof node !== 'boolean' && (node === null || typeof node !== 'object')) throw new Error(`$ref ${ref} is not a schema`);
    return node as SchemaNode | boolean;
  }
  deref(node: SchemaNode | boolean): SchemaNode | boolean {
    let n = node;
    for (let i = 0; i < 32 && typeof n === 'object' && n.$ref !== undefined; i++) n = this.resolve(n.$ref);
    return n;
  }
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matchesType(v: unknown, t: string): boolean {
  switch (t) {
    case 'null':
      return v === null;
    case 'boolean':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isObject(v);
    default:
      return false;
  }
}

/** `$.a`, `$.a["b.c"]`, `$.a[3]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${quoteKey(key)}]`;
}

/** Validates and reports; returns true if valid. */
function validateNode(ctx: Context, schemaOrBool: SchemaNode | boolean, value: unknown, path: string): boolean {
  if (ctx.full) return false;
  if (schemaOrBool === true) return true;
  if (schemaOrBool === false) {
    ctx.add(path, value, 'no value is allowed here');
    return false;
  }
  const s = schemaOrBool;
  const before = ctx.errors.length;

  if (s.$ref !== undefined) validateNode(ctx, ctx.resolve(s.$ref), value, path);

  if (s.type !== undefined) {
    const types = typeof s.type === 'string' ? [s.type] : s.type;
    if (!types.some((t) => matchesType(value, t))) {
      ctx.add(path, value, `expected ${describe(ctx, s)}`);
      return false; // nothing else is meaningful for a value of the wrong type
    }
  }

  if (hasOwn(s, 'const') && !deepEqual(value, s.const)) ctx.add(path, value, `expected ${showValue(s.const)}`);
  if (s.enum !== undefined && !s.enum.some((e) => deepEqual(value, e))) {
    ctx.add(path, value, `expected one of ${s.enum.map((v) => showValue(v)).join(', ')}${didYouMean(value, s.enum)}`);
  }

  if (typeof value === 'number') checkNumber(ctx, s, value, path);
  if (typeof value === 'string') checkString(ctx, s, value, path);
  if (Array.isArray(value)) checkArray(ctx, s, value, path);
  if (isObject(value)) checkObject(ctx, s, value, path);

  if (s.allOf) for (const sub of s.allOf) validateNode(ctx, sub, value, path);
  if (s.anyOf) checkAlternatives(ctx, s.anyOf, value, path, false);
  if (s.oneOf) checkAlternatives(ctx, s.oneOf, value, path, true);
  if (s.not !== undefined && validateNode(ctx.branch(), s.not, value, path)) ctx.add(path, value, 'this value is not allowed here');
  if (s.if !== undefined) {
    const cond = validateNode(ctx.branch(), s.if, value, path);
    if (cond && s.then !== undefined) validateNode(ctx, s.then, value, path);
    if (!cond && s.else !== undefined) validateNode(ctx, s.else, value, path);
  }
  return ctx.errors.length === before;
}

function numberNoun(s: SchemaNode): string {
  const types = s.type === undefined ? [] : typeof s.type === 'string' ? [s.type] : s.type;
  return types.includes('integer') && !types.includes('number') ? 'an integer' : 'a number';
}

function checkNumber(ctx: Context, s: SchemaNode, v: number, path: string): void {
  const noun = numberNoun(s);
  if (s.minimum !== undefined && v < s.minimum) ctx.add(path, v, `expected ${noun} ≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) ctx.add(path, v, `expected ${noun} > ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined && v > s.maximum) ctx.add(path, v, `expected ${noun} ≤ ${s.maximum}`);
  if (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum) ctx.add(path, v, `expected ${noun} < ${s.exclusiveMaximum}`);
  if (s.multipleOf !== undefined && s.multipleOf > 0 && !Number.isInteger(v / s.multipleOf)) ctx.add(path, v, `expected a multiple of ${s.multipleOf}`);
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function checkString(ctx: Context, s: SchemaNode, v: string, path: string): void {
  const len = s.minLength !== undefined || s.maxLength !== undefined ? codePoints(v) : 0;
  if (s.minLength !== undefined && len < s.minLength) {
    ctx.add(path, v, s.minLength === 1 ? 'expected a non-empty string' : `expected a string of at least ${s.minLength} characters`);
  }
  if (s.maxLength !== undefined && len > s.maxLength) ctx.add(path, v, `expected a string of at most ${s.maxLength} characters`);
  if (s.pattern !== undefined && !ctx.regex(s.pattern).test(v)) ctx.add(path, v, `expected ${describeString(s)}`);
}

function checkArray(ctx: Context, s: SchemaNode, v: readonly unknown[], path: string): void {
  if (s.minItems !== undefined && v.length < s.minItems) {
    ctx.add(path, v, s.minItems === 1 ? 'expected a non-empty list' : `expected a list of at least ${s.minItems} items`);
  }
  if (s.maxItems !== undefined && v.length > s.maxItems) {
    // Too long: that is the error; checking each of its items would only cost time.
    ctx.add(path, `[${v.length} items]`, `expected a list of at most ${s.maxItems} items`);
    return;
  }
  if (s.uniqueItems === true) checkUnique(ctx, v, path);
  if (s.items !== undefined && typeof s.items !== 'boolean' && Array.isArray(s.items)) {
    throw new Error('tuple "items" is not supported');
  }
  if (s.items !== undefined) {
    for (let i = 0; i < v.length && !ctx.full; i++) validateNode(ctx, s.items, v[i], childPath(path, i));
  }
}

/**
 * uniqueItems in linear time: each item's canonical JSON (object keys sorted) is looked up in a
 * map of those seen. Items too deep to serialise fall back to pairwise comparison (rare, bounded).
 */
function checkUnique(ctx: Context, v: readonly unknown[], path: string): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < v.length && !ctx.full; i++) {
    const key = canonicalJson(v[i]);
    if (key === undefined) {
      for (let j = 0; j < i; j++) {
        if (deepEqual(v[i], v[j])) {
          ctx.add(childPath(path, i), v[i], `duplicate of item [${j}]: the items must be different`);
          break;
        }
      }
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) ctx.add(childPath(path, i), v[i], `duplicate of item [${first}]: the items must be different`);
    else seen.set(key, i);
  }
}

/** JSON with object keys sorted (so equal values give equal strings), or undefined if too deep. */
function canonicalJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value, (_key, v: unknown) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v as object).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    });
  } catch {
    return undefined;
  }
}

function checkObject(ctx: Context, s: SchemaNode, v: Record<string, unknown>, path: string): void {
  const props = s.properties ?? {};
  if (s.required) {
    for (const key of s.required) {
      if (!hasOwn(v, key)) {
        const sub = hasOwn(props, key) ? props[key]! : true;
        const what = typeof sub === 'object' ? ` (${describe(ctx, sub)})` : '';
        ctx.add(childPath(path, key), undefined, `missing required property "${key}"${what}`);
      }
    }
  }
  for (const key of Object.keys(v)) {
    if (ctx.full) return;
    const p = childPath(path, key);
    if (hasOwn(props, key)) {
      validateNode(ctx, props[key]!, v[key], p);
    } else if (s.additionalProperties === false) {
      const allowed = Object.keys(props);
      const hint = didYouMean(key, allowed);
      ctx.add(p, v[key], `unknown property ${quoteKey(key)}${hint || ` (allowed here: ${allowed.join(', ')})`}`);
    } else if (s.additionalProperties !== undefined && s.additionalProperties !== true) {
      validateNode(ctx, s.additionalProperties, v[key], p);
    }
  }
}

/** The property that tells oneOf branches apart: every branch is an object schema with `properties[name].const`. */
function discriminator(ctx: Context, branches: readonly (SchemaNode | boolean)[]): string | undefined {
  const first = ctx.deref(branches[0] ?? true);
  if (typeof first !== 'object' || !first.properties) return undefined;
  for (const name of Object.keys(first.properties)) {
    const ok = branches.every((b) => {
      const n = ctx.deref(b);
      if (typeof n !== 'object' || !n.properties || !hasOwn(n.properties, name)) return false;
      const p = n.properties[name]!;
      return typeof p === 'object' && hasOwn(p, 'const');
    });
    if (ok) return name;
  }
  return undefined;
}

/** The discriminator of each oneOf/anyOf list, found once per list. */
const discriminators = new WeakMap<readonly (SchemaNode | boolean)[], string | null>();

function cachedDiscriminator(ctx: Context, branches: readonly (SchemaNode | boolean)[]): string | undefined {
  let d = discriminators.get(branches);
  if (d === undefined) {
    d = discriminator(ctx, branches) ?? null;
    discriminators.set(branches, d);
  }
  return d ?? undefined;
}

function checkAlternatives(ctx: Context, branches: readonly (SchemaNode | boolean)[], value: unknown, path: string, exactlyOne: boolean): void {
  // Branches told apart by a const property (the timeline's "action"): only the branch whose
  // const the value names can match, so only that one is validated.
  const disc = cachedDiscriminator(ctx, branches);
  if (disc !== undefined && isObject(value) && hasOwn(value, disc)) {
    const idx = branches.findIndex((b) => deepEqual(((ctx.deref(b) as SchemaNode).properties![disc] as SchemaNode).const, value[disc]));
    if (idx >= 0) {
      validateNode(ctx, branches[idx]!, value, path);
      return;
    }
  }
  const results = branches.map((b) => {
    const c = ctx.branch();
    const ok = validateNode(c, b, value, path);
    return { ok, errors: c.errors };
  });
  const passing = results.filter((r) => r.ok).length;
  if (passing === 1 || (!exactlyOne && passing > 1)) return;
  if (passing > 1) {
    ctx.add(path, value, `ambiguous: matches ${passing} of the alternatives, but only one may match`);
    return;
  }

  // No branch matches. 1) Branches told apart by a const property (e.g. "action").
  if (disc !== undefined && isObject(value)) {
    const dp = childPath(path, disc);
    const already = ctx.errors.some((e) => e.path === dp);
    if (!hasOwn(value, disc)) {
      if (!already) ctx.add(dp, undefined, `missing required property "${disc}"`);
      return;
    }
    const idx = branches.findIndex((b) => {
      const n = ctx.deref(b) as SchemaNode;
      return deepEqual((n.properties![disc] as SchemaNode).const, value[disc]);
    });
    if (idx >= 0) {
      for (const e of results[idx]!.errors) ctx.add(e.path, e.value, e.message);
    } else if (!already) {
      const consts = branches.map((b) => ((ctx.deref(b) as SchemaNode).properties![disc] as SchemaNode).const);
      ctx.add(dp, value[disc], `expected one of ${consts.map((v) => showValue(v)).join(', ')}${didYouMean(value[disc], consts)}`);
    }
    return;
  }

  // 2) Exactly one branch accepts the value's JSON type: its errors are the useful ones.
  const typeOk = branches
    .map((b, i) => ({ i, n: ctx.deref(b) }))
    .filter(({ n }) => typeof n === 'object' && typeAccepts(ctx, n, value));
  if (typeOk.length === 1) {
    for (const e of results[typeOk[0]!.i]!.errors) ctx.add(e.path, e.value, e.message);
    return;
  }
  // 3) Otherwise say what would have been accepted.
  ctx.add(path, value, `expected ${branches.map((b) => describe(ctx, b)).join(' or ')}`);
}

/** Whether the schema's `type` (following $ref and anyOf/oneOf) could accept this value's JSON type. */
function typeAccepts(ctx: Context, n: SchemaNode | boolean, value: unknown, depth = 0): boolean {
  if (typeof n === 'boolean' || depth > 16) return n !== false;
  const d = ctx.deref(n);
  if (typeof d === 'boolean') return d;
  if (d.type !== undefined) {
    const types = typeof d.type === 'string' ? [d.type] : d.type;
    return types.some((t) => matchesType(value, t));
  }
  if (d.enum) return d.enum.some((e) => jsonType(e) === jsonType(value) || (typeof e === 'number' && typeof value === 'number'));
  if (hasOwn(d, 'const')) return jsonType(d.const) === jsonType(value);
  const alts = d.anyOf ?? d.oneOf;
  if (alts) return alts.some((a) => typeAccepts(ctx, a, value, depth + 1));
  return true;
}

// --- messages -----------------------------------------------------------------------------------

/** "an integer from 1 to 10000", "a string like "30s"", "one of "range", "sticky"", ... */
function describe(ctx: Context, node: SchemaNode | boolean, depth = 0): string {
  if (node === true) return 'any value';
  if (node === false || depth > 8) return 'nothing';
  const n = ctx.deref(node);
  if (typeof n === 'boolean') return n ? 'any value' : 'nothing';
  if (n.enum) return `one of ${n.enum.map((v) => showValue(v)).join(', ')}`;
  if (hasOwn(n, 'const')) return showValue(n.const);
  const alts = n.anyOf ?? n.oneOf;
  if (n.type === undefined && alts) return alts.map((a) => describe(ctx, a, depth + 1)).join(' or ');
  if (n.type === undefined && n.allOf && n.allOf.length === 1) return describe(ctx, n.allOf[0]!, depth + 1);
  const types = n.type === undefined ? [] : typeof n.type === 'string' ? [n.type] : n.type;
  const parts = types.map((t) => {
    switch (t) {
      case 'integer':
      case 'number':
        return numberNoun({ type: t }) + range(n);
      case 'string':
        return describeString(n);
      case 'boolean':
        return 'true or false';
      case 'array':
        return n.items !== undefined && typeof n.items === 'object' ? `a list, each item ${describe(ctx, n.items, depth + 1)}` : 'a list';
      case 'object':
        return n.title ? `an object (${n.title})` : 'an object';
      case 'null':
        return 'null';
      default:
        return t;
    }
  });
  return parts.length ? parts.join(' or ') : 'a value';
}

function range(n: SchemaNode): string {
  const lo = n.minimum !== undefined ? `${n.minimum}` : undefined;
  const hi = n.maximum !== undefined ? `${n.maximum}` : undefined;
  if (lo !== undefined && hi !== undefined) return ` from ${lo} to ${hi}`;
  if (n.exclusiveMinimum !== undefined && hi !== undefined) return ` > ${n.exclusiveMinimum} and ≤ ${hi}`;
  if (lo !== undefined) return ` ≥ ${lo}`;
  if (n.exclusiveMinimum !== undefined) return ` > ${n.exclusiveMinimum}`;
  if (hi !== undefined) return ` ≤ ${hi}`;
  return '';
}

function describeString(n: SchemaNode): string {
  if (n.examples && n.examples.length) {
    const ex = n.examples.slice(0, 4).map((v) => showValue(v));
    const like = ex.length === 1 ? ex[0] : `${ex.slice(0, -1).join(', ')} or ${ex[ex.length - 1]}`;
    return `a string like ${like}`;
  }
  if (n.pattern === NAME_SCHEMA_PATTERN) return 'a name without control characters (no line breaks, escapes or bidirectional overrides)';
  if (n.pattern) return `a string matching ${n.pattern}`;
  if (n.minLength === 1) return 'a non-empty string';
  return 'a string';
}


function didYouMean(value: unknown, candidates: readonly unknown[]): string {
  if (typeof value !== 'string' || value.length > 100) return '';
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    const d = editDistance(value.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined || bestD > Math.max(1, Math.floor(best.length / 3))) return '';
  return `; did you mean ${showValue(best)}?`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 10) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** JSON equality (as JSON Schema's const/enum/uniqueItems), iterative so deep input cannot overflow the stack. */
export function deepEqual(a: unknown, b: unknown): boolean {
  const stack: Array<[unknown, unknown]> = [[a, b]];
  while (stack.length) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) {
      const ya = y as unknown[];
      if (x.length !== ya.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], ya[i]]);
    } else {
      const xo = x as Record<string, unknown>;
      const yo = y as Record<string, unknown>;
      const kx = Object.keys(xo);
      if (kx.length !== Object.keys(yo).length) return false;
      for (const k of kx) {
        if (!hasOwn(yo, k)) return false;
        stack.push([xo[k], yo[k]]);
      }
    }
  }
  return true;
}
