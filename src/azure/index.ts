// Public surface of the Azure edge (the only code that imports @azure/*).
export { createAzureEdge, type AzureEdge, type AzureEdgeOptions } from './edge.ts';
export { ArmLookupError } from './hubs.ts';
export { LOCAL_SIMULATOR_TOKEN, type RetrySettings } from './clients.ts';
export { ARM_OPERATIONS, armOperationOf, type ArmAttempt, type ArmAttemptListener, type ArmOperation } from './attempt-report.ts';
