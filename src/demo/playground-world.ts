// The mock Teams world the Microsoft 365 Agents Playground presents: tenant, bot, the signed-in user, the five
// other users (the playground requires exactly five), a personal chat, a group chat and a team with its
// channels. Written to `.m365agentsplayground.yml` (schema 0.1.1) in the playground's working folder.

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
  /** The user the playground's UI acts as. */
  currentUser: WorldUser;
  /** Exactly five more users (the playground refuses other counts). */
  users: readonly [WorldUser, WorldUser, WorldUser, WorldUser, WorldUser];
  personalChatId: string;
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: readonly WorldChannel[] };
}

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
