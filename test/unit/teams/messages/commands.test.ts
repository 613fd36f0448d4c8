import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand, parseHubArgument, routeCommand } from '#src/teams/messages/commands.ts';
import type { Command, CommandHandlers } from '#src/teams/messages/commands.ts';

const RESOURCE_ID = '/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-iot-oncall/providers/Microsoft.Devices/IotHubs/contoso-iot';

describe('parseCommand', () => {
  const cases: [string, Command][] = [
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['aide', { kind: 'help' }],
    ['/help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['status', { kind: 'status' }],
    ['Statut', { kind: 'status' }],
    ['audit', { kind: 'audit', hub: null }],
    ['audit contoso-iot', { kind: 'audit', hub: { kind: 'name', value: 'contoso-iot' } }],
    ['health contoso-iot', { kind: 'health', hub: { kind: 'name', value: 'contoso-iot' } }],
    ['Health Contoso-IoT', { kind: 'health', hub: { kind: 'name', value: 'contoso-iot' } }],
    ['santé contoso-iot', { kind: 'health', hub: { kind: 'name', value: 'contoso-iot' } }],
    ['sante\tcontoso-iot', { kind: 'health', hub: { kind: 'name', value: 'contoso-iot' } }],
    ['sante\u0301 contoso-iot', { kind: 'health', hub: { kind: 'name', value: 'contoso-iot' } }],
    ['health contoso-iot.azure-devices.net', { kind: 'health', hub: { kind: 'hostName', value: 'contoso-iot.azure-devices.net' } }],
    ['health https://Contoso-IoT.azure-devices.net/', { kind: 'health', hub: { kind: 'hostName', value: 'contoso-iot.azure-devices.net' } }],
    [`health ${RESOURCE_ID}`, { kind: 'health', hub: { kind: 'resourceId', value: RESOURCE_ID } }],
    ['health', { kind: 'health', hub: null }],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected.kind}`, () => assert.deepEqual(parseCommand(text), expected));
  }

  const pastes = [
    'help me, 500001 ServerError keeps coming',
    'Health check failed: 503003 PartitionNotFound',
    'status 500001',
    'help\n500001',
    'health contoso-iot\nat Microsoft.Azure.Devices.Client',
    'health !!!',
    'ErrorCode:IotHubUnauthorizedAccess',
  ];
  for (const text of pastes) {
    it(`${JSON.stringify(text)} is a paste`, () => assert.deepEqual(parseCommand(text), { kind: 'diagnose', text: text.trim() }));
  }
});

describe('parseHubArgument', () => {
  it('rejects what cannot be a hub', () => {
    for (const value of ['a', '-bad-', 'x'.repeat(60), 'two words', 'https://', '/subscriptions/x']) assert.equal(parseHubArgument(value), null, value);
  });

  it('unwraps Teams autolink brackets and quotes', () => {
    assert.deepEqual(parseHubArgument('<contoso-iot.azure-devices.net>'), { kind: 'hostName', value: 'contoso-iot.azure-devices.net' });
    assert.deepEqual(parseHubArgument('"contoso-iot"'), { kind: 'name', value: 'contoso-iot' });
  });

  it('accepts sovereign-cloud host names', () => {
    assert.deepEqual(parseHubArgument('hub1.azure-devices.cn'), { kind: 'hostName', value: 'hub1.azure-devices.cn' });
  });
});

describe('routeCommand', () => {
  it('calls exactly the handler of the command kind, with the command', async () => {
    const calls: string[] = [];
    const handlers: CommandHandlers<string> = {
      help: async (context, command) => void calls.push(`${context}:${command.kind}`),
      health: async (context, command) => void calls.push(`${context}:${command.kind}:${command.hub?.value ?? '-'}`),
      status: async (context, command) => void calls.push(`${context}:${command.kind}`),
      audit: async (context, command) => void calls.push(`${context}:${command.kind}:${command.hub?.value ?? '-'}`),
      subscribe: async (context, command) => void calls.push(`${context}:${command.kind}:${command.hub?.value ?? '-'}`),
      unsubscribe: async (context, command) => void calls.push(`${context}:${command.kind}:${command.hub?.value ?? '-'}`),
      subscriptions: async (context, command) => void calls.push(`${context}:${command.kind}`),
      'demo-alert': async (context, command) => void calls.push(`${context}:${command.kind}:${command.hub?.value ?? '-'}`),
      diagnose: async (context, command) => void calls.push(`${context}:${command.kind}:${command.text}`),
    };
    const texts = ['help', 'health contoso-iot', 'status', 'audit', 'subscribe', 'abonner contoso-iot', 'désabonner', 'unsubscribe hub-2', 'abonnements', 'demo alert contoso-iot', '500001'];
    for (const text of texts) await routeCommand(parseCommand(text), handlers, 'ctx');
    assert.deepEqual(calls, [
      'ctx:help',
      'ctx:health:contoso-iot',
      'ctx:status',
      'ctx:audit:-',
      'ctx:subscribe:-',
      'ctx:subscribe:contoso-iot',
      'ctx:unsubscribe:-',
      'ctx:unsubscribe:hub-2',
      'ctx:subscriptions',
      'ctx:demo-alert:contoso-iot',
      'ctx:diagnose:500001',
    ]);
  });
});
