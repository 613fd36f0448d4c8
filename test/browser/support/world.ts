// The mock Teams world the Agents Playground presents: tenant, bot, the signed-in user, the five other users
// (the playground requires exactly five), a personal chat, a group chat and a team with its channels.
// Written to `.m365agentsplayground.yml` (schema 0.1.1) in the playground's working folder.

export interface WorldUser {
  /** Teams user id (activity.from.id). */
  id: string;
  name: string;
  /** Entra object id (activity.from.aadObjectId); what FAILOVER_APPROVERS lists. */
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

export interface WorldChannel {
  id: string;
  name: string;
}

export interface World {
  tenantId: string;
  bot: { id: string; name: string };
  /** The user the browser UI acts as. */
  currentUser: WorldUser;
  /** Exactly five more users (the playground refuses other counts). */
  users: readonly [WorldUser, WorldUser, WorldUser, WorldUser, WorldUser];
  personalChatId: string;
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: readonly WorldChannel[] };
}

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

/** YAML double-quoted scalar (JSON strings are valid YAML double-quoted scalars). */
function quoted(value: string): string {
  return JSON.stringify(value);
}

function userYaml(person: WorldUser, indent: string, first: string): string[] {
  return [
    `${first}id: ${quoted(person.id)}`,
    `${indent}name: ${quoted(person.name)}`,
    // "userPrincipleName" (sic) is the playground's spelling.
    `${indent}userPrincipleName: ${quoted(person.email)}`,
    `${indent}aadObjectId: ${quoted(person.aadObjectId)}`,
    `${indent}givenName: ${quoted(person.givenName)}`,
    `${indent}surname: ${quoted(person.surname)}`,
    `${indent}email: ${quoted(person.email)}`,
  ];
}

/** The `.m365agentsplayground.yml` text for a world. */
export function worldToYaml(world: World): string {
  const lines = [
    'version: "0.1.1"',
    `tenantId: ${quoted(world.tenantId)}`,
    'bot:',
    `  id: ${quoted(world.bot.id)}`,
    `  name: ${quoted(world.bot.name)}`,
    'currentUser:',
    ...userYaml(world.currentUser, '  ', '  '),
    'users:',
    ...world.users.flatMap((person) => userYaml(person, '    ', '  - ')),
    'personalChat:',
    `  id: ${quoted(world.personalChatId)}`,
    'groupChat:',
    `  id: ${quoted(world.groupChat.id)}`,
    `  name: ${quoted(world.groupChat.name)}`,
    'team:',
    `  id: ${quoted(world.team.id)}`,
    `  name: ${quoted(world.team.name)}`,
    `  aadGroupId: ${quoted(world.team.aadGroupId)}`,
    '  channels:',
    ...world.team.channels.flatMap((channel) => [`    - id: ${quoted(channel.id)}`, `      name: ${quoted(channel.name)}`]),
  ];
  return `${lines.join('\n')}\n`;
}
