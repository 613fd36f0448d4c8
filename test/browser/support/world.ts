// The browser suite's mock Teams world (the model and its YAML are src/demo/playground-world.ts): an on-call
// engineer who uses the browser, the approver, three more users, and an incidents channel.
import type { World, WorldChannel, WorldUser } from '#src/demo/playground-world.ts';

export type { World, WorldChannel, WorldUser };

function user(id: string, givenName: string, surname: string, aadObjectId: string): WorldUser {
  return { id, name: `${givenName} ${surname}`, aadObjectId, givenName, surname, email: `${givenName.toLowerCase()}.${surname.toLowerCase()}@contoso.example` };
}

/** Dana is on call and uses the browser; Priya is the approver named in FAILOVER_APPROVERS. */
export const ON_CALL_ENGINEER = user('29:oncall-dana', 'Dana', 'Kowalski', 'b5f2e3a1-6c4d-4e8f-9a1b-2c3d4e5f6a71');
export const APPROVER = user('29:lead-priya', 'Priya', 'Raman', 'c7a9d1e3-2b4f-4c6a-8e0d-1f2a3b4c5d82');

export const INCIDENTS_CHANNEL: WorldChannel = { id: '19:incidents@thread.tacv2', name: 'Incidents' };

export const WORLD: World = {
  tenantId: 'e1d2c3b4-a596-4871-8263-544536271809',
  bot: { id: '28:9d3f6a2b-4c1e-4f7a-8b5d-0e1f2a3b4c5d', name: 'IoT Hub On-Call' },
  currentUser: ON_CALL_ENGINEER,
  users: [
    APPROVER,
    user('29:oncall-marc', 'Marc', 'Lefebvre', 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e593'),
    user('29:dev-sofia', 'Sofia', 'Russo', 'e2f3a4b5-c6d7-4e8f-9a01-b2c3d4e5f6a4'),
    user('29:dev-tom', 'Tom', 'Becker', 'f3a4b5c6-d7e8-4f90-a1b2-c3d4e5f6a7b5'),
    user('29:sre-aiko', 'Aiko', 'Tanaka', 'a4b5c6d7-e8f9-4a01-b2c3-d4e5f6a7b8c6'),
  ],
  personalChatId: 'a:1oncall-dana-personal',
  groupChat: { id: '19:oncall-rota@thread.v2', name: 'On-call rota' },
  team: {
    id: '19:general-iot-ops@thread.tacv2',
    name: 'IoT Operations',
    aadGroupId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
    channels: [INCIDENTS_CHANNEL],
  },
};
