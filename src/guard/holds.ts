/**
 * A hold stops sends without blaming any recipient: an admin's pause or an auto-pause after a bounce-rate
 * alert (account, campaign or receiving domain), or a sender incident at one receiving domain. The send
 * gate asks every HoldSource; a held recipient gets a 4xx ("try later") in the relay and
 * `allowed: false, held: ...` from POST /v1/check. A hold never changes an address's state.
 */
export type HoldScope =
  { kind: 'account' } | { kind: 'campaign'; campaign: string } | { kind: 'domain'; domain: string };

export interface Hold {
  scope: HoldScope;
  /** What put it there: an admin or an alert (`pause`), or a sender incident (`incident`). */
  source: 'pause' | 'incident';
  /** Id of the pause, alert or incident, for the explanation and the resume link. */
  sourceId: string;
  /** A sentence a support agent can read: why sends wait and what lifts it. */
  explanation: string;
  since: string;
}

export interface HoldSource {
  /** The holds in force for the account now. Called per gate decision: keep it cheap (cache, or one query). */
  activeHolds(accountId: string): Promise<Hold[]>;
}
