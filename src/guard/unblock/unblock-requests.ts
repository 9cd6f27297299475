import { ReboundError } from '../../errors.js';
import type { PolicySettings } from '../../policy/types.js';
import { normaliseAddress } from '../../service/address.js';
import { keysetOf, pageOf } from '../../service/pagination.js';
import type { AddressDetail, Page, PageRequest, ReboundService } from '../../service/types.js';
import { domainOf, type Store, type StoreTx } from '../../store/store.js';
import type { Announce } from '../../store/outbox.js';
import type { UnblockRequestRow } from '../../store/unblocks.js';
import type { GuardEventType, Notifier } from '../notifications.js';
import { autoDecision, blockCheck, requestView } from './evidence.js';
import type {
  MailDomainCheck,
  ProbeCheck,
  UnblockChecks,
  UnblockRequestState,
  UnblockRequestView,
} from './types.js';
import { AUTOMATIC_ACTOR } from './types.js';

/**
 * Unblock requests: a user asks, the checks run at once and are kept with the request, an admin (or,
 * for the clear cases, the checks alone) decides, the requester is told (the request's state in the
 * API, and `unblock_request.created` / `.decided` notifications, written with the request's change in
 * its transaction). An approval goes through the service's own admin unblock, in the transaction of the
 * decision, so the address's history shows it with its author and note.
 */
export interface UnblockRequestDeps {
  store: Store;
  service: Pick<ReboundService, 'getAddress' | 'getSettings' | 'unblock'>;
  notifier: Notifier;
  checkDomain(domain: string): Promise<MailDomainCheck>;
  /** Asks the mail host about the recipient (see rcpt-probe.ts); only called when the account enables it. */
  probe(host: string, address: string): Promise<ProbeCheck>;
  now(): Date;
}

export interface ApproveInput {
  note: string;
  /** Required when the address was blocked by a complaint: how the recipient agreed to mail again. */
  consent?: string | undefined;
}

export class UnblockRequests {
  constructor(private readonly deps: UnblockRequestDeps) {}

  async create(
    accountId: string,
    input: { address: unknown; reason: string },
    requestedBy: string,
  ): Promise<UnblockRequestView> {
    const { store, service } = this.deps;
    const address = normaliseAddress(input.address);
    const detail = await service.getAddress(accountId, address);
    if (detail === undefined)
      throw new ReboundError('not_found', `Rebound has no record of ${address}: it is not blocked.`);
    if (detail.status !== 'blocked') {
      throw new ReboundError(
        'not_blocked',
        `${address} is ${detail.status}, not blocked: there is nothing to unblock.`,
      );
    }
    await this.refuseIfPending(accountId, address);
    const settings = await service.getSettings(accountId);
    const checks = await this.runChecks(accountId, address, detail, settings);
    const row = await store.unblocks.insertRequest(
      {
        accountId,
        address,
        reason: input.reason,
        requestedBy,
        createdAt: this.deps.now().toISOString(),
        checks,
      },
      this.announce('unblock_request.created'),
    );
    // Another request for the address got in while the checks ran.
    if (row === undefined) {
      throw new ReboundError(
        'request_pending',
        `An unblock request for ${address} is already waiting for a decision.`,
      );
    }
    this.deps.notifier.committed();
    const auto = autoDecision(checks, settings);
    if (auto === undefined) return requestView(row);
    return this.decide(row, auto.state, AUTOMATIC_ACTOR, auto.note, null);
  }

  async get(accountId: string, id: string): Promise<UnblockRequestView | undefined> {
    const row = await this.deps.store.unblocks.getRequest(accountId, id);
    return row === undefined ? undefined : requestView(row);
  }

  async list(
    accountId: string,
    filter: { state?: UnblockRequestState | undefined; address?: string | undefined },
    page: PageRequest,
  ): Promise<Page<UnblockRequestView>> {
    const keyset = keysetOf(page);
    const address = filter.address === undefined ? undefined : normaliseAddress(filter.address);
    const rows = await this.deps.store.unblocks.listRequests(accountId, { ...filter, address }, keyset);
    return pageOf(rows, keyset.pageSize, (r) => r.id, requestView);
  }

  async approve(
    accountId: string,
    id: string,
    actor: string,
    input: ApproveInput,
  ): Promise<UnblockRequestView> {
    const row = await this.pending(accountId, id);
    const detail = await this.deps.service.getAddress(accountId, row.address);
    const consent = input.consent?.trim() || null;
    if (detail?.reason === 'complaint' && consent === null) {
      throw new ReboundError(
        'invalid_request',
        `${row.address} was blocked by a complaint: record the recipient's consent (consent: how and when they agreed to mail again).`,
      );
    }
    return this.decide(row, 'approved', actor, input.note, consent);
  }

  async deny(accountId: string, id: string, actor: string, note: string): Promise<UnblockRequestView> {
    return this.decide(await this.pending(accountId, id), 'denied', actor, note, null);
  }

  private async runChecks(
    accountId: string,
    address: string,
    detail: AddressDetail,
    settings: PolicySettings,
  ): Promise<UnblockChecks> {
    const now = this.deps.now();
    const row = (await this.deps.store.getAddresses(accountId, [address])).get(address);
    const domain = await this.deps.checkDomain(domainOf(address));
    const host = domain.hosts[0];
    const probe: ProbeCheck = !settings.unblockProbe
      ? {
          ran: false,
          why: 'The RCPT probe is off for this account (setting unblockProbe).',
          whyCode: 'probe-off',
        }
      : host === undefined
        ? { ran: false, why: 'No mail host to ask.', whyCode: 'no-host' }
        : await this.deps.probe(host, address);
    return {
      checkedAt: now.toISOString(),
      syntax: { ok: true, address },
      domain,
      block: blockCheck(detail, row?.unblocks ?? 0, settings, now),
      probe,
    };
  }

  /**
   * Records the decision only if the request is still pending, and an approval's unblock in the same
   * transaction: both commit or neither (a process killed in between leaves the request pending and the
   * address blocked, ready to approve again). Two admins approving at once unblock once; the second is
   * told the request was already decided.
   */
  private async decide(
    row: UnblockRequestRow,
    state: 'approved' | 'denied',
    actor: string,
    note: string,
    consent: string | null,
  ): Promise<UnblockRequestView> {
    const { accountId, address } = row;
    const decision = { state, decidedAt: this.deps.now().toISOString(), decidedBy: actor, note, consent };
    let decided: UnblockRequestRow | undefined;
    const record = async (tx: StoreTx): Promise<void> => {
      decided = await tx.decideUnblockRequest(
        accountId,
        row.id,
        decision,
        this.announce('unblock_request.decided'),
      );
      // Rolls back the unblock written with it.
      if (decided === undefined) throw decidedAlready(row.id);
    };
    const current = state === 'approved' ? await this.deps.service.getAddress(accountId, address) : undefined;
    if (current?.status === 'blocked') {
      const withConsent = consent === null ? '' : ` Recipient's consent: ${consent}`;
      const why = `Unblock request ${row.id} approved: ${note}${withConsent}`;
      await this.deps.service.unblock(accountId, address, actor, why, record);
    } else {
      await this.deps.store.transaction(record);
    }
    if (decided === undefined) throw decidedAlready(row.id);
    this.deps.notifier.committed();
    return requestView(decided);
  }

  private async pending(accountId: string, id: string): Promise<UnblockRequestRow> {
    const row = await this.deps.store.unblocks.getRequest(accountId, id);
    if (row === undefined) throw new ReboundError('not_found', `No unblock request ${id} in this account.`);
    if (row.state !== 'pending') throw decidedAlready(id, row);
    return row;
  }

  private async refuseIfPending(accountId: string, address: string): Promise<void> {
    const pending = await this.deps.store.unblocks.pendingRequest(accountId, address);
    if (pending !== undefined) {
      throw new ReboundError(
        'request_pending',
        `Unblock request ${pending.id} for ${address} is already waiting for a decision.`,
      );
    }
  }

  /** Writes the event of a request's change with it, in its transaction. */
  private announce(type: GuardEventType): Announce<UnblockRequestRow> {
    return (tx, row) =>
      this.deps.notifier.notifyWithin(tx, [
        {
          type,
          accountId: row.accountId,
          at: row.decidedAt ?? row.createdAt,
          data: requestView(row) as unknown as Record<string, unknown>,
        },
      ]);
  }
}

function decidedAlready(id: string, row?: UnblockRequestRow): ReboundError {
  const how =
    row === undefined
      ? ''
      : ` (${row.state} on ${row.decidedAt ?? 'an unknown date'} by ${row.decidedBy ?? 'unknown'})`;
  return new ReboundError('request_decided', `Unblock request ${id} is already decided${how}.`);
}
