/**
 * Orderings that Kafka's assignors depend on, reproduced exactly.
 *
 * - `compareJavaStrings`: Java's `String.compareTo`, i.e. lexicographic over UTF-16 code units.
 *   JavaScript's relational operators on strings compare UTF-16 code units as well, so the two
 *   agree (`"consumer-10" < "consumer-2"`).
 * - `compareMemberInfo`: `AbstractPartitionAssignor.MemberInfo.compareTo`, the member order of
 *   the range and roundrobin assignors: static members (with a `group.instance.id`) first, by
 *   instance id; then dynamic members, by member id.
 * - `javaHashMapOrder`: the iteration order of a `java.util.HashMap<String, ?>` built with the
 *   default constructor, which the sticky assignors walk in a few places (see
 *   `AbstractStickyAssignor.assignOwnedPartitions` and the ownership clean-up loop).
 */
import type { AssignorMember } from './types';

/** Java `String.compareTo` sign: UTF-16 code-unit order. */
export function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `MemberInfo.compareTo`: static members first (by instance id), then dynamic ones (by member id). */
export function compareMemberInfo(
  a: Pick<AssignorMember, 'memberId' | 'groupInstanceId'>,
  b: Pick<AssignorMember, 'memberId' | 'groupInstanceId'>,
): number {
  const sa = a.groupInstanceId;
  const sb = b.groupInstanceId;
  if (sa !== undefined && sb !== undefined) return compareJavaStrings(sa, sb);
  if (sa !== undefined) return -1;
  if (sb !== undefined) return 1;
  return compareJavaStrings(a.memberId, b.memberId);
}

/** Members sorted as `Utils.sorted(List<MemberInfo>)` sorts them (a new array; the input is untouched). */
export function sortMembersKafka<M extends Pick<AssignorMember, 'memberId' | 'groupInstanceId'>>(members: readonly M[]): M[] {
  return members.slice().sort(compareMemberInfo);
}

/** Java `String.hashCode()`: `s[0]*31^(n-1) + ... + s[n-1]` over UTF-16 code units, as a signed int32. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** `HashMap.hash(key)`: the hash code with its high half folded into the low half. */
export function javaSpreadHash(h: number): number {
  return (h ^ (h >>> 16)) | 0;
}

/**
 * The table capacity of a default-constructed `java.util.HashMap` after `size` insertions:
 * 16, doubled whenever the size exceeds 0.75 × capacity.
 */
export function javaHashMapCapacity(size: number): number {
  let cap = 16;
  while (size > cap * 0.75) cap *= 2;
  return cap;
}

/**
 * The order in which a default `java.util.HashMap<String, ?>` iterates `keys`, inserted in the
 * given order: by bucket `(h ^ h >>> 16) & (capacity - 1)`, and within a bucket by insertion order
 * (resizing splits buckets without reordering them). Returns indices into `keys`.
 *
 * Not modelled: a bucket holding 8 or more keys in a table of 64+ buckets becomes a red-black
 * tree whose root Java moves to the front of the bucket; with member ids that never happens in
 * practice (it needs 8 ids with colliding low hash bits).
 */
export function javaHashMapOrder(keys: readonly string[]): number[] {
  const mask = javaHashMapCapacity(keys.length) - 1;
  const buckets = new Int32Array(keys.length);
  const order: number[] = new Array<number>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    buckets[i] = javaSpreadHash(javaStringHashCode(keys[i]!)) & mask;
    order[i] = i;
  }
  // Array.prototype.sort is stable, so equal buckets keep insertion order.
  order.sort((a, b) => buckets[a]! - buckets[b]!);
  return order;
}
