// Azure SDK clients per subscription. https endpoints use DefaultAzureCredential with a scope derived
// from the endpoint (sovereign clouds). A loopback http endpoint (the simulator) cannot use the SDK's
// bearer policy — it refuses non-TLS URLs — so it is removed and a Sign-phase policy sends a fixed
// local token instead (workaround A in the reference).
import { IotHubClient } from '@azure/arm-iothub';
import { MicrosoftResourceHealth } from '@azure/arm-resourcehealth';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { bearerTokenAuthenticationPolicyName, proxyPolicyName, type Pipeline, type PipelinePolicy } from '@azure/core-rest-pipeline';
import { DefaultAzureCredential } from '@azure/identity';
import { attemptReportPolicy, type ArmAttemptListener } from './attempt-report.ts';
import type { ArmEndpoint } from '../config.ts';
import type { AttemptObserver } from './observer.ts';

export const LOCAL_SIMULATOR_TOKEN = 'local-simulator-token';

export interface RetrySettings {
  maxRetries?: number;
  retryDelayInMs?: number;
  maxRetryDelayInMs?: number;
}

export interface ArmClientsOptions {
  endpoint: ArmEndpoint;
  retry?: RetrySettings;
  credential?: TokenCredential;
  observer: AttemptObserver;
  /** Told about every HTTP attempt (metrics, logs). */
  onAttempt?: ArmAttemptListener;
}

export interface ArmClients {
  iotHub(subscriptionId: string): IotHubClient;
  /**
   * For the failover POST and its polls: no automatic retries. The POST is not idempotent (a retry
   * after a lost response would meet "failover already running"), and polls are repeated by the
   * runner anyway.
   */
  failover(subscriptionId: string): IotHubClient;
  resourceHealth(subscriptionId: string): MicrosoftResourceHealth;
}

const localTokenPolicy: PipelinePolicy = {
  name: 'localSimulatorTokenPolicy',
  sendRequest: (request, next) => {
    request.headers.set('authorization', `Bearer ${LOCAL_SIMULATOR_TOKEN}`);
    return next(request);
  },
};

/** Never asked for a token: on loopback http the bearer policy is removed. */
const unusedCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken | null> => null,
};

const userAgentOptions = { userAgentPrefix: 'iothub-oncall' };

export function createArmClients(options: ArmClientsOptions): ArmClients {
  const { endpoint, observer } = options;
  let credential: TokenCredential | null = null;
  const credentialFor = (): TokenCredential => {
    if (endpoint.kind === 'loopback-http') return unusedCredential;
    credential ??= options.credential ?? new DefaultAzureCredential();
    return credential;
  };

  const clientOptions = (retry: RetrySettings | undefined) => ({
    endpoint: endpoint.url,
    userAgentOptions,
    ...(retry ? { retryOptions: { ...retry } } : {}),
    ...(endpoint.kind === 'https' ? { credentialScopes: endpoint.scope } : { allowInsecureConnection: true }),
  });

  const prepare = (pipeline: Pipeline): void => {
    if (endpoint.kind === 'loopback-http') {
      pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
      // A loopback simulator is never reached through a proxy.
      pipeline.removePolicy({ name: proxyPolicyName });
      pipeline.addPolicy(localTokenPolicy, { phase: 'Sign' });
    }
    pipeline.addPolicy(observer.policy, { afterPhase: 'Retry' });
    if (options.onAttempt) pipeline.addPolicy(attemptReportPolicy(options.onAttempt), { afterPhase: 'Retry' });
  };

  const cache = <T>(make: (subscriptionId: string) => T): ((subscriptionId: string) => T) => {
    const made = new Map<string, T>();
    return (subscriptionId) => {
      const key = subscriptionId.toLowerCase();
      let client = made.get(key);
      if (!client) {
        client = make(subscriptionId);
        made.set(key, client);
      }
      return client;
    };
  };

  return {
    iotHub: cache((subscriptionId) => {
      const client = new IotHubClient(credentialFor(), subscriptionId, clientOptions(options.retry));
      prepare(client.pipeline);
      return client;
    }),
    failover: cache((subscriptionId) => {
      const client = new IotHubClient(credentialFor(), subscriptionId, clientOptions({ ...options.retry, maxRetries: 0 }));
      prepare(client.pipeline);
      return client;
    }),
    resourceHealth: cache((subscriptionId) => {
      const client = new MicrosoftResourceHealth(credentialFor(), subscriptionId, clientOptions(options.retry));
      prepare(client.pipeline);
      return client;
    }),
  };
}
