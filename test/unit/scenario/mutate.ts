import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path (list of keys/indices) inside a JSON value, the root included. */
export function allPaths(v: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) allPaths(v[k]!, [...prefix, k], out);
  return out;
}

/** Strings a mutation may plant, so that semantic checks (names, references) get exercised too. */
const plausible = fc.constantFrom<Json>(
  'orders', 'payments.v1', 'audit', 'billing', 'billing-1', 'billing-2', 'web', 'nope', 'range', 'cooperative-sticky',
  '30s', '1m30s', '1h', '5', 0, 1, 3, 6, 12, -1, 10001, 45000, 3000, 1.5, true, null, [], {},
);

export type Mutation = { kind: 'replace' | 'delete' | 'add'; pathIndex: number; value: Json; key: string };

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('replace', 'replace', 'delete', 'add'),
  pathIndex: fc.nat(),
  value: fc.oneof(plausible, fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>),
  key: fc.oneof(fc.constantFrom('name', 'partitions', 'topic', 'extra', 'action', 'at', '__proto__', 'session.timeout.ms'), fc.string({ maxLength: 6 })),
});

/** Applies one mutation to a deep copy of `base`. */
export function mutate(base: Json, m: Mutation): Json {
  const copy = JSON.parse(JSON.stringify(base)) as Json;
  const paths = allPaths(copy);
  const path = paths[m.pathIndex % paths.length]!;
  if (path.length === 0) return m.kind === 'replace' ? m.value : copy;
  let parent: any = copy;
  for (const k of path.slice(0, -1)) parent = parent[k];
  const last = path[path.length - 1]!;
  if (m.kind === 'replace') parent[last] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (Array.isArray(target)) target.push(m.value);
    else if (target !== null && typeof target === 'object') Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else parent[last] = m.value;
  }
  return copy;
}
