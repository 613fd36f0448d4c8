// Public surface of the ARM simulator.
export { startArmSimulator, type ArmSimulator, type ArmSimulatorOptions, type ArmSimulatorState, type RequestFilter } from './server.ts';
export { runSimulatorCommand, DEFAULT_SIMULATOR_PORT, type SimulatorCommandIo } from './cli.ts';
export { loadScenarioFile, parseScenario, resolveScenario, ScenarioError } from './scenario-file.ts';
export {
  BUILT_IN_SCENARIOS,
  DEMO_SUBSCRIPTION_IDS,
  TEST_RESOURCE_GROUP,
  TEST_SUBSCRIPTION_ID,
  builtInScenario,
  type FailoverBehaviour,
  type ScenarioDefinition,
  type ScenarioEvent,
  type ScenarioHealth,
  type ScenarioHub,
  type SimAvailabilityState,
} from './scenarios.ts';
export type { FaultSpec, FaultRule, FaultAction } from './faults.ts';
export type { HubView, OperationView, RecordedRequest } from './controller.ts';
export type { HealthPatch } from './model.ts';
export type { SimRoute } from './routes.ts';
export { administrativeAlert, alertTargetId, metricAlert, resourceHealthAlert, serviceHealthAlert } from './alerts.ts';
export type { AlertHub, MetricAlertInput, ResourceHealthAlertInput, ServiceHealthAlertInput } from './alerts.ts';
