/**
 * Test support (never shipped): a small evaluator for the subset of VS Code's `when` clause syntax
 * that the walkthrough's completion events (`onContext:<expression>`) use, so tests can check an
 * expression against the extension's own context-key values without the workbench:
 *
 *   ==  !=  >=  <=  <  >   &&  ||  !   ( )   'string' and "string" literals, numbers,
 *   true/false, bare keys (truthy test) and bare words on the right of == / != (VS Code reads
 *   `state == Stable` as the string "Stable").
 *
 * Semantics follow VS Code 1.100 (contextkey.ts): `==`/`!=` compare loosely after reading
 * 'true'/'false' literals; `<`, `<=`, `>`, `>=` read both sides as numbers (parseFloat) and are false
 * when either is not a number; `&&` binds tighter than `||`; an undefined key is falsy.
 *
 * No `vscode` import: the unit tests use it in Node (test/unit/support/whenClause.test.ts tests it),
 * the integration tests inside VS Code.
 */
export type WhenValue = boolean | number | string | readonly string[] | undefined | null;

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'key'; key: string }
  | { kind: 'const'; value: boolean }
  | { kind: 'cmp'; op: '==' | '!=' | '>=' | '<=' | '<' | '>'; key: string; value: string | number | boolean };

type Token = { t: 'op'; v: string } | { t: 'str'; v: string } | { t: 'word'; v: string };

export class WhenSyntaxError extends Error {}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '>=', '<=', '&&', '||'].includes(two)) {
      // `===` / `!==` are accepted by VS Code as `==` / `!=`.
      tokens.push({ t: 'op', v: two });
      i += src[i + 2] === '=' && (two === '==' || two === '!=') ? 3 : 2;
      continue;
    }
    if ('<>!()'.includes(c)) {
      tokens.push({ t: 'op', v: c });
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new WhenSyntaxError(`unterminated string at ${i} in: ${src}`);
      tokens.push({ t: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const m = /^[^\s()!<>=&|'"]+/.exec(src.slice(i));
    if (!m) throw new WhenSyntaxError(`unexpected "${c}" at ${i} in: ${src}`);
    tokens.push({ t: 'word', v: m[0] });
    i += m[0].length;
  }
  return tokens;
}

/** Parses `expression`; throws WhenSyntaxError for anything outside the supported subset. */
export function parseWhen(expression: string): Node {
  const tokens = tokenize(expression);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (v: string): boolean => peek()?.t === 'op' && peek()!.v === v;

  const parseOr = (): Node => {
    let left = parseAnd();
    while (isOp('||')) {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Node => {
    let left = parseUnary();
    while (isOp('&&')) {
      pos++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): Node => {
    if (isOp('!')) {
      pos++;
      return { kind: 'not', operand: parseUnary() };
    }
    if (isOp('(')) {
      pos++;
      const inner = parseOr();
      if (!isOp(')')) throw new WhenSyntaxError(`expected ")" in: ${expression}`);
      pos++;
      return inner;
    }
    const tok = tokens[pos++];
    if (!tok || tok.t !== 'word') throw new WhenSyntaxError(`expected a key in: ${expression}`);
    if (tok.v === 'true' || tok.v === 'false') return { kind: 'const', value: tok.v === 'true' };
    const next = peek();
    if (next?.t === 'op' && ['==', '!=', '>=', '<=', '<', '>'].includes(next.v)) {
      pos++;
      const rhs = tokens[pos++];
      if (!rhs || rhs.t === 'op') throw new WhenSyntaxError(`expected a value after ${next.v} in: ${expression}`);
      let value: string | number | boolean = rhs.v;
      if (rhs.t === 'word') {
        if (rhs.v === 'true') value = true;
        else if (rhs.v === 'false') value = false;
        else if (/^-?\d+(\.\d+)?$/.test(rhs.v)) value = Number(rhs.v);
      }
      return { kind: 'cmp', op: next.v as '==', key: tok.v, value };
    }
    return { kind: 'key', key: tok.v };
  };

  const node = parseOr();
  if (pos !== tokens.length) throw new WhenSyntaxError(`unexpected "${tokens[pos]!.v}" in: ${expression}`);
  return node;
}

function evaluate(node: Node, ctx: Readonly<Record<string, WhenValue>>): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, ctx) && evaluate(node.right, ctx);
    case 'or':
      return evaluate(node.left, ctx) || evaluate(node.right, ctx);
    case 'not':
      return !evaluate(node.operand, ctx);
    case 'const':
      return node.value;
    case 'key':
      return !!ctx[node.key];
    case 'cmp': {
      const actual = ctx[node.key];
      switch (node.op) {
        case '==':
          return looseEquals(actual, node.value);
        case '!=':
          return !looseEquals(actual, node.value);
        default: {
          if (typeof actual !== 'number' && typeof actual !== 'string') return false;
          const a = typeof actual === 'number' ? actual : parseFloat(actual);
          const b = typeof node.value === 'number' ? node.value : parseFloat(String(node.value));
          if (Number.isNaN(a) || Number.isNaN(b)) return false;
          return node.op === '>=' ? a >= b : node.op === '<=' ? a <= b : node.op === '<' ? a < b : a > b;
        }
      }
    }
  }
}

function looseEquals(actual: WhenValue, expected: string | number | boolean): boolean {
  // VS Code: `key == value` is `ctx[key] == value` (JavaScript loose equality).
  // eslint-disable-next-line eqeqeq
  return (actual as unknown) == expected;
}

/** Evaluates `expression` against `context` (missing keys are undefined). */
export function evaluateWhen(expression: string, context: Readonly<Record<string, WhenValue>>): boolean {
  return evaluate(parseWhen(expression), context);
}

/** The context keys `expression` reads. */
export function whenKeys(expression: string): string[] {
  const keys = new Set<string>();
  const walk = (n: Node): void => {
    if (n.kind === 'and' || n.kind === 'or') {
      walk(n.left);
      walk(n.right);
    } else if (n.kind === 'not') walk(n.operand);
    else if (n.kind === 'key' || n.kind === 'cmp') keys.add(n.key);
  };
  walk(parseWhen(expression));
  return [...keys];
}

/** `onContext:<expr>` → `<expr>`; undefined for other completion events. */
export function onContextExpression(event: string): string | undefined {
  return event.startsWith('onContext:') ? event.slice('onContext:'.length) : undefined;
}
