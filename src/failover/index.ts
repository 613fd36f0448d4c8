// The failover approval workflow's one door: what the rest of the bot may use. Everything else in this
// folder (the engine, the runner, the repository, the notification queue) is reached through the service.
export { CARD_VERBS, PROPOSAL_GRACE_MS, createFailoverService, sameConversation } from './service.ts';
export type {
  ActInput,
  ActResult,
  CardVerb,
  DemoApproval,
  FailbackOfferResult,
  FailoverService,
  FailoverServiceConfig,
  FailoverServiceDeps,
  ProposeInput,
  ProposeResult,
  SweepResult,
} from './service.ts';
export { FAILOVER_LIMITS, evaluateEligibility, failbackAllowedAt, proposalFacts } from './policy.ts';
export type { AfterStep, ProposalFacts } from './policy.ts';
export { isRequestId } from './repository.ts';
export { isTerminal, sameActor } from './workflow.ts';
export { FailoverRequestError } from './ports.ts';
export type { AuditLog, FailoverExecutor, FailoverNotifier, FailoverProgress, SuccessFact } from './ports.ts';
export type {
  Actor,
  AuditDraft,
  AuditKind,
  AuditRecord,
  EligibilityDetails,
  FailbackOffer,
  FailoverEligibility,
  FailoverKind,
  FailoverOperationStatus,
  FailoverRequest,
  FailoverState,
  FailureCause,
  IneligibilityReason,
  PreflightFailure,
  RefusalReason,
  TerminalState,
} from './types.ts';
