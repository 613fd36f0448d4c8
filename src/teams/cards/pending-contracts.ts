// Compatibility shim: FailoverAdvice now lives in src/diagnosis/advice.ts. Kept only because
// src/teams/failover-eligibility.ts imports FailoverImpossibleReason from here; import from
// src/diagnosis/advice.ts (or src/teams/cards/index.ts) instead, then delete this file.
export type { FailoverAdvice, FailoverImpossibleReason } from '../../diagnosis/advice.ts';
