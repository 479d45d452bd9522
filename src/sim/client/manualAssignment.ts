/**
 * `assign()` instead of `subscribe()`: a standalone consumer never joins its group. It commits to
 * the group id's offsets with no member id and generation -1, as the Java client does for manual
 * assignment; the coordinator refuses that while the group has members (UNKNOWN_MEMBER_ID).
 */
import type { Membership, MembershipStatus } from './membership';

export class ManualAssignment implements Membership {
  readonly status: MembershipStatus = 'standalone';
  readonly memberId = '';
  readonly generation = -1;
  readonly watchedTopics: readonly string[] = [];

  heartbeatThread(): void {}

  pollHeartbeat(): void {}

  poll(): boolean {
    return true;
  }

  commitIdentity(): { memberId: string; generation: number } {
    return { memberId: '', generation: -1 };
  }

  leave(): void {}
}
