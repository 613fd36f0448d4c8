import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runSimulatorCommand } from '#src/sim/cli.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'sim');

function capture() {
  let out = '';
  let err = '';
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  return {
    io: { out: (text: string) => (out += text), err: (text: string) => (err += text), untilStopped: () => stopped },
    stop: () => stop(),
    out: () => out,
    err: () => err,
  };
}

describe('iothub-oncall sim', () => {
  it('prints the URL, serves ARM requests until stopped, then exits 0', async () => {
    const run = capture();
    const exit = runSimulatorCommand(['--port', '0', '--scenario', 'outage', '--speed', '10'], run.io);
    let url = '';
    for (let attempt = 0; attempt < 200 && url === ''; attempt++) {
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.out())?.[1] ?? '';
      if (url === '') await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.notEqual(url, '', run.err());
    assert.match(run.out(), /AZURE_SUBSCRIPTION_IDS=3f2504e0-/);
    const hubs = await fetch(`${url}/_sim/hubs`);
    assert.equal(hubs.status, 200);
    run.stop();
    assert.equal(await exit, 0);
    assert.match(run.out(), /stopped/);
    await assert.rejects(fetch(`${url}/_sim/hubs`));
  });

  it('loads --scenario-file', async () => {
    const run = capture();
    run.stop();
    assert.equal(await runSimulatorCommand(['--port', '0', '--scenario-file', join(fixtures, 'two-subscriptions-outage.json')], run.io), 0);
    assert.match(run.out(), /factory-eu-01 \(Unavailable\)/);
  });

  it('rejects bad arguments with exit 2 and a bad scenario file with exit 1', async () => {
    for (const args of [['--port', 'x'], ['--speed', '-1'], ['--bogus'], ['--scenario', 'demo', '--scenario-file', 'a.json']]) {
      const run = capture();
      assert.equal(await runSimulatorCommand(args, run.io), 2, args.join(' '));
      assert.notEqual(run.err(), '');
    }
    const run = capture();
    assert.equal(await runSimulatorCommand(['--port', '0', '--scenario-file', join(fixtures, 'invalid-region-type.json')], run.io), 1);
    assert.match(run.err(), /primaryLocation/);
    const unknown = capture();
    assert.equal(await runSimulatorCommand(['--port', '0', '--scenario', 'nope'], unknown.io), 1);
    const help = capture();
    assert.equal(await runSimulatorCommand(['--help'], help.io), 0);
    assert.match(help.out(), /--scenario-file/);
  });
});
