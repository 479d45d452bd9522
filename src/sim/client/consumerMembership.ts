/**
 * The KIP-848 protocol from the client side (`group.protocol=consumer`, the Java client's
 * `ConsumerMembershipManager`): the client makes its own member id, joins with epoch 0, and every
 * `ConsumerGroupHeartbeat` may carry a new assignment; it revokes what it no longer gets
 * (committing first), takes what is new, and heartbeats again at once to say so. Leaving sends
 * epoch -1, or -2 for a static member that will be back.
 */
import type { TopicPartition } from '../assignors/types';
import { partitionName } from '../context';
import type { ConsumerGroupHeartbeatRequest } from '../group/api';
import { JOIN_EPOCH, kafkaUuid, key, LEAVE_EPOCH, STATIC_LEAVE_EPOCH } from '../group/reconciliation';
import type { Membership, MembershipHost, MembershipStatus } from './membership';

export class ConsumerMembership implements Membership {
  status: MembershipStatus = 'unjoined';
  memberId = '';
  generation = -1;
  readonly watchedTopics: readonly string[] = [];
  private rejoinReason: string | undefined = 'consumer started';
  private leftOnPollTimeout = false;
  /** The member id this client generated (kept across rejoins). */
  private ownMemberId = '';
  private heartbeatNow = false;
  private heartbeatIntervalMs: number;

  constructor(private readonly host: MembershipHost) {
    this.heartbeatIntervalMs = host.ctx.broker.consumerHeartbeatIntervalMs;
  }

  commitIdentity(): { memberId: string; generation: number } {
    return { memberId: this.memberId, generation: this.generation };
  }

  /** KIP-848 clients heartbeat from their background thread whatever heartbeatMode says. */
  heartbeatThread(now: number): void {
    if (this.status === 'unjoined' || this.memberId === '') return;
    if (now - this.host.lastPollAt > this.host.config.maxPollIntervalMs && !this.leftOnPollTimeout) {
      this.leftOnPollTimeout = true;
      this.host.ctx.emit({ type: 'poll-timeout', group: this.host.groupId, memberId: this.memberId, clientId: this.host.clientId, maxPollIntervalMs: this.host.config.maxPollIntervalMs });
      this.sendLeave();
      this.status = 'unjoined';
      this.rejoinReason = 'consumer poll timeout has expired';
      return;
    }
    if (this.heartbeatNow || now - this.host.lastHeartbeatSentAt >= this.heartbeatIntervalMs) this.heartbeat(now);
  }

  pollHeartbeat(): void {}

  poll(now: number): boolean {
    if (this.rejoinReason !== undefined && this.status === 'unjoined') {
      this.rejoinReason = undefined;
      this.join(now);
    }
    return this.host.running && (this.status === 'stable' || (this.status === 'joining' && this.generation > 0));
  }

  /** Joins (again) with member epoch 0; a fenced or timed-out member first loses its partitions. */
  private join(now: number): void {
    this.host.lose('no longer a member of the group');
    if (this.ownMemberId === '') this.ownMemberId = kafkaUuid(this.host.ctx);
    this.memberId = this.ownMemberId;
    this.generation = JOIN_EPOCH;
    this.status = 'joining';
    this.heartbeat(now);
  }

  private request(memberEpoch: number): ConsumerGroupHeartbeatRequest {
    const config = this.host.config;
    return {
      api: 'ConsumerGroupHeartbeat',
      groupId: this.host.groupId,
      memberId: this.memberId,
      memberEpoch,
      instanceId: config.groupInstanceId ?? null,
      rackId: null,
      rebalanceTimeoutMs: config.maxPollIntervalMs,
      subscribedTopicNames: this.host.topics,
      serverAssignor: config.remoteAssignor ?? null,
      topicPartitions: this.host.ownedPartitions(),
    };
  }

  /** One ConsumerGroupHeartbeat and, if it carries a new assignment, reconciliation. */
  private heartbeat(now: number): void {
    this.host.lastHeartbeatSentAt = now;
    this.heartbeatNow = false;
    this.host.transport.send(this.request(this.generation), (response) => {
      if (!this.host.running) return;
      if (response.errorCode === 'INCONSISTENT_GROUP_PROTOCOL') {
        this.host.fail('InconsistentGroupProtocolException: the group uses the classic protocol');
        return;
      }
      if (response.errorCode === 'FENCED_INSTANCE_ID') {
        this.memberId = '';
        this.generation = -1;
        this.status = 'unjoined';
        this.host.fail('FencedInstanceIdException: another consumer joined with the same group.instance.id');
        return;
      }
      if (response.errorCode === 'UNSUPPORTED_ASSIGNOR' || response.errorCode === 'INVALID_REQUEST' || response.errorCode === 'UNRELEASED_INSTANCE_ID' || response.errorCode === 'GROUP_ID_NOT_FOUND') {
        // Fatal for the Java client: poll() throws.
        this.status = 'unjoined';
        this.generation = -1;
        this.host.fail(`${exceptionName(response.errorCode)}: ${response.errorMessage ?? response.errorCode}`);
        return;
      }
      if (response.errorCode !== 'NONE') {
        // Fenced or forgotten: give everything up and rejoin with epoch 0 — at once the first
        // time; if the rejoin fails too, at the next poll() (the client backs off, it does not spin).
        const retrying = this.generation === JOIN_EPOCH;
        this.status = 'unjoined';
        this.generation = -1;
        this.rejoinReason = `heartbeat failed: ${response.errorCode}`;
        if (!retrying) {
          this.rejoinReason = undefined;
          this.join(now);
        }
        return;
      }
      this.generation = response.memberEpoch;
      this.heartbeatIntervalMs = response.heartbeatIntervalMs;
      if (response.memberEpoch > 0) {
        this.status = 'stable';
        this.leftOnPollTimeout = false;
      }
      if (response.assignment) this.reconcile(response.assignment, response.memberEpoch);
    });
  }

  /** Revoke what is no longer ours (committing first), take what is new, and say so at once. */
  private reconcile(assignment: readonly TopicPartition[], epoch: number): void {
    const assigned = new Set(assignment.map(key));
    const revoked = this.host.ownedPartitions().filter((tp) => !assigned.has(partitionName(tp.topic, tp.partition)));
    if (revoked.length > 0) {
      // The new consumer commits what it processed before it lets partitions go.
      this.host.commitProcessed();
      this.host.revoke(revoked);
    }
    const have = new Set(this.host.ownedPartitions().map(key));
    const added = assignment.filter((tp) => !have.has(key(tp)));
    if (added.length > 0) this.host.assign(added, epoch, false);
    if (revoked.length > 0 || added.length > 0) {
      this.host.endBatch();
      this.heartbeatNow = true;
    }
  }

  leave(): void {
    if (this.generation > 0) this.sendLeave();
  }

  private sendLeave(): void {
    const epoch = this.host.config.groupInstanceId !== undefined ? STATIC_LEAVE_EPOCH : LEAVE_EPOCH;
    this.host.transport.send(this.request(epoch), () => undefined);
    this.generation = -1;
  }
}

function exceptionName(error: string): string {
  return error.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase()) + 'Exception';
}
