// The command line (`iothub-oncall diagnose`), run as a real process: file and stdin input, the
// exact JSON contract of design.md, the text summary, usage errors; and toCliJson's key set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main, type CliIo } from '#src/cli.ts';
import { toCliJson } from '#src/diagnosis/cli-json.ts';
import { diagnose } from '#src/diagnosis/diagnose.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const node = join(root, 'node_modules', '.bin', 'node');
const cli = join(root, 'src', 'cli.ts');
const work = mkdtempSync(join(tmpdir(), 'iothub-oncall-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

const KEY = 'BhjXhc0brBD4VX8N2R5sgpVu1Mi8FN2ZotTaSV5kiqo=';
const SIG = 'Jq3%2FbY6kV0uWm1xR8sT2pL9nQ4eZc7aF5hG0iK3dM%3D';
const PASTE = [
  `HostName=plant-eu.azure-devices.net;DeviceId=press-7;SharedAccessKey=${KEY}`,
  `Authorization: SharedAccessSignature sr=plant-eu.azure-devices.net&sig=${SIG}&se=1767225600`,
  '2025-03-02 08:15:43.000 +00:00 [ERR] Microsoft.Azure.Devices.Client.Exceptions.ServerErrorException: {"Message":"ErrorCode:ServerError;x","ExceptionMessage":"Tracking ID:0c1d2e3f405162738495a6b7c8d9e0f1-G:12-TimeStamp:03/02/2025 08:15:43"}',
  '2025-03-02 08:16:10.000 +00:00 [WRN] Connect Error mqtt.js returned Connection refused: Server unavailable error',
].join('\n');

/** The machine's own Node when it is older than the pinned one (the case the bin re-runs itself for), else null. */
function olderNode(): string | null {
  const found = spawnSync('/usr/bin/env', ['node', '-p', 'process.versions.node'], { encoding: 'utf8', env: { PATH: '/usr/local/bin:/usr/bin:/bin' } });
  const [major, minor] = (found.stdout ?? '').trim().split('.').map(Number);
  if (found.status !== 0 || major === undefined || minor === undefined) return null;
  return major < 22 || (major === 22 && minor < 18) ? spawnSync('/usr/bin/env', ['sh', '-c', 'command -v node'], { encoding: 'utf8', env: { PATH: '/usr/local/bin:/usr/bin:/bin' } }).stdout.trim() : null;
}

function run(args: string[], input?: string) {
  const result = spawnSync(node, [cli, ...args], { input: input ?? '', encoding: 'utf8', timeout: 60_000, cwd: root });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeFixture(name: string, content: string | Buffer): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

function assertContract(json: unknown): void {
  assert.ok(typeof json === 'object' && json !== null);
  assert.deepEqual(Object.keys(json), ['findings', 'context', 'secrets', 'verdict']);
  const o = json as Record<string, unknown>;
  assert.ok(Array.isArray(o['findings']));
  for (const f of o['findings'] as object[]) assert.deepEqual(Object.keys(f), ['code', 'name', 'httpStatus', 'transient', 'count']);
  assert.deepEqual(Object.keys(o['context'] as object), ['hubHostNames', 'deviceIds', 'moduleIds', 'trackingIds', 'timestamps', 'protocols']);
  assert.deepEqual(Object.keys(o['secrets'] as object), ['count', 'kinds']);
  assert.deepEqual(Object.keys(o['verdict'] as object), ['kind']);
}

describe('iothub-oncall diagnose (process)', () => {
  it('diagnoses a FILE with --json: one object, 2-space indent, exact keys, no secret', () => {
    const file = writeFixture('paste.txt', PASTE);
    const { code, stdout, stderr } = run(['diagnose', '--json', file]);
    assert.equal(code, 0, stderr);
    const json: unknown = JSON.parse(stdout);
    assert.equal(stdout, `${JSON.stringify(json, null, 2)}\n`);
    assertContract(json);
    assert.deepEqual(json, toCliJson(diagnose(PASTE)));
    const out = json as ReturnType<typeof toCliJson>;
    assert.deepEqual(out.findings.map((f) => [f.code, f.name, f.count]), [
      [500001, 'ServerError', 1],
      [null, 'MQTT CONNACK 3 server unavailable', 1],
    ]);
    assert.deepEqual(out.secrets, { count: 2, kinds: ['shared-access-key', 'sas-signature'] });
    assert.equal(out.verdict.kind, 'transient-service');
    for (const secret of [KEY, SIG, KEY.slice(0, 12), 'Jq3%2FbY6kV0']) assert.ok(!stdout.includes(secret) && !stderr.includes(secret));
  });

  it('reads stdin when FILE is - or absent', () => {
    const viaDash = run(['diagnose', '--json', '-'], PASTE);
    const viaNothing = run(['diagnose', '--json'], PASTE);
    assert.equal(viaDash.code, 0, viaDash.stderr);
    assert.equal(viaNothing.code, 0, viaNothing.stderr);
    assertContract(JSON.parse(viaDash.stdout));
    assert.equal(viaDash.stdout, viaNothing.stdout);
    assert.deepEqual(JSON.parse(viaDash.stdout), toCliJson(diagnose(PASTE)));
  });

  it('prints a short text summary without --json, in English or French, without secrets', () => {
    const en = run(['diagnose'], PASTE);
    assert.equal(en.code, 0, en.stderr);
    assert.match(en.stdout, /Verdict: transient-service/);
    assert.match(en.stdout, /500001 ServerError \(HTTP 500, transient\) ×1/);
    assert.match(en.stdout, /plant-eu\.azure-devices\.net/);
    assert.match(en.stdout, /Secrets found and redacted: 2 \(shared-access-key, sas-signature\)/);
    const fr = run(['diagnose', '--locale', 'fr'], PASTE);
    assert.equal(fr.code, 0, fr.stderr);
    assert.match(fr.stdout, /Constats/);
    assert.match(fr.stdout, /transitoire/);
    for (const out of [en.stdout, fr.stdout]) assert.ok(!out.includes(KEY.slice(0, 12)) && !out.includes(SIG));
  });

  it('diagnoses an empty paste and binary garbage without failing', () => {
    const empty = run(['diagnose', '--json'], '');
    assert.equal(empty.code, 0, empty.stderr);
    assert.deepEqual(JSON.parse(empty.stdout), toCliJson(diagnose('')));
    const garbage = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 256));
    const binary = run(['diagnose', '--json', writeFixture('garbage.bin', garbage)]);
    assert.equal(binary.code, 0, binary.stderr);
    assertContract(JSON.parse(binary.stdout));
  });

  it('rejects bad usage with a message on stderr and exit code 2', () => {
    for (const args of [['diagnose', '--bogus'], ['diagnose', '--locale', 'de'], ['diagnose', 'a.txt', 'b.txt'], ['frobnicate'], []]) {
      const { code, stdout, stderr } = run(args);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.equal(stdout, '');
      assert.match(stderr, /Usage:/);
    }
  });

  it('explains an unreadable FILE clearly, exit 2, no stack trace', () => {
    for (const [path, reason] of [
      [join(work, 'missing.txt'), 'no such file'],
      [work, 'it is a directory'],
    ] as const) {
      const { code, stdout, stderr } = run(['diagnose', '--json', path]);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.equal(stderr, `iothub-oncall: cannot read '${path}': ${reason}.\n`);
    }
  });

  it('names another service and the SDK version in the text summary, in English and French', () => {
    const eventHubs =
      "Microsoft.Azure.EventHubs.ReceiverDisconnectedException: New receiver with higher epoch of '3' is created. TrackingId:0f1e2d3c4b5a69788796a5b4c3d2e1f0_B7, SystemTracker:ns:eventhub:telemetry~1|$default";
    assert.match(run(['diagnose'], eventHubs).stdout, /Verdict: not-iothub — Not IoT Hub: Azure Event Hubs\. Look there, not at the hub\./);
    const node = 'azure-iot-device/1.17.3 (node v18.19.0; Linux; x64) ServiceUnavailableError: Service Unavailable';
    assert.match(run(['diagnose'], node).stdout, /SDK in the paste: azure-iot-device 1\.17\.3\. This version retries an HTTP 503 by default \(facts checked \d{4}-\d{2}-\d{2}\)\./);
    assert.match(run(['diagnose', '--locale=fr'], node).stdout, /SDK dans le collage\u00a0: azure-iot-device 1\.17\.3\. Cette version réessaie par défaut un HTTP 503/);
    const json = JSON.parse(run(['diagnose', '--json'], node).stdout) as object;
    assertContract(json);
  });

  it('reads its options with util.parseArgs: --locale=fr, an option value where none is taken, a short unknown option', () => {
    assert.equal(run(['diagnose', '--locale=fr'], '500001').code, 0);
    for (const [args, message] of [
      [['diagnose', '--json=yes'], /--json takes no value\./],
      [['diagnose', '--locale'], /--locale must be 'en' or 'fr'\./],
      [['diagnose', '-x'], /unknown option '-x'\./],
    ] as const) {
      const { code, stdout, stderr } = run([...args]);
      assert.equal(code, 2, args.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.match(stderr, /Usage:/);
      assert.doesNotMatch(stderr, /ERR_PARSE_ARGS|strict/, 'no parseArgs internals');
    }
  });

  it('prints help', () => {
    const { code, stdout } = run(['help']);
    assert.equal(code, 0);
    assert.match(stdout, /iothub-oncall diagnose \[--json\] \[--locale en\|fr\] \[FILE\|-\]/);
  });
});

describe('main (in process)', () => {
  function io(stdin = ''): CliIo & { out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      stdout: (t) => void out.push(t),
      stderr: (t) => void err.push(t),
      readStdin: async () => stdin,
      readFile: async () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
      stdinIsTerminal: false,
    };
  }

  it('accepts --locale=fr and reports unreadable files without the error object', async () => {
    const streams = io();
    assert.equal(await main(['diagnose', '--locale=fr', '/secret/file'], streams), 2);
    assert.deepEqual(streams.err, ["iothub-oncall: cannot read '/secret/file': permission denied.\n"]);
    assert.deepEqual(streams.out, []);
  });

  it('prompts on a terminal before reading stdin', async () => {
    const streams = { ...io('500001'), stdinIsTerminal: true };
    assert.equal(await main(['diagnose', '--json'], streams), 0);
    assert.match(streams.err.join(''), /Ctrl-D/);
    assert.equal((JSON.parse(streams.out.join('')) as { findings: { code: number }[] }).findings[0]?.code, 500001);
  });
});

describe('toCliJson', () => {
  it('keeps exactly the contract keys, copying values', () => {
    const d = diagnose(PASTE);
    const json = toCliJson(d);
    assertContract(JSON.parse(JSON.stringify(json)));
    assert.deepEqual(json.context.hubHostNames, d.context.hubHostNames);
    json.context.hubHostNames.push('x');
    assert.notDeepEqual(json.context.hubHostNames, d.context.hubHostNames, 'a copy, not the diagnosis itself');
  });
});

describe('bin/iothub-oncall.js (the command npx runs)', () => {
  const bin = join(root, 'bin', 'iothub-oncall.js');
  const compileCache = join(root, 'node_modules', '.cache', 'iothub-oncall-compile');

  it('runs the CLI in one process on the pinned Node, with the compile cache, and prints the same JSON', () => {
    const file = writeFixture('bin-paste.txt', PASTE);
    const result = spawnSync(node, [bin, 'diagnose', '--json', file], { encoding: 'utf8', timeout: 60_000, cwd: root });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), toCliJson(diagnose(PASTE)));
    assert.ok(existsSync(compileCache) && readdirSync(compileCache).length > 0, 'compile cache written');
  });

  // Machines here (and CI) have Node 20 as their own Node; where the machine's Node is recent, there is no
  // older Node to start the bin with, and nothing to re-run.
  const older = olderNode();
  if (older !== null) it(`runs the CLI with the pinned Node when started by an older Node (${older})`, () => {
    const file = writeFixture('bin-old-node.txt', PASTE);
    const result = spawnSync(older, [bin, 'diagnose', '--json', file], { encoding: 'utf8', timeout: 60_000, cwd: root });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), toCliJson(diagnose(PASTE)));
  });
});

describe('bin/link-npx-bin.js (npm "prepare")', () => {
  it('links the command into node_modules/.bin, once, replacing a stale file', async () => {
    const { linkNpxBin } = (await import(pathToFileURL(join(root, 'bin', 'link-npx-bin.js')).href)) as { linkNpxBin: (root: string) => string };
    const project = mkdtempSync(join(tmpdir(), 'iothub-oncall-link-'));
    try {
      mkdirSync(join(project, 'bin'));
      writeFileSync(join(project, 'bin', 'iothub-oncall.js'), '');
      mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
      writeFileSync(join(project, 'node_modules', '.bin', 'iothub-oncall'), 'stale');
      const link = linkNpxBin(project);
      assert.equal(readlinkSync(link), '../../bin/iothub-oncall.js');
      assert.equal(realpathSync(link), realpathSync(join(project, 'bin', 'iothub-oncall.js')));
      assert.equal(linkNpxBin(project), link, 'idempotent');
      assert.equal(readlinkSync(link), '../../bin/iothub-oncall.js');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('is what npm runs after install, and package.json declares no bin of its own (npx would then reinstall the project on every call)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: unknown; scripts: Record<string, string>; private?: boolean };
    assert.equal(pkg.scripts['prepare'], 'node bin/link-npx-bin.js');
    assert.equal(pkg.bin, undefined);
    assert.equal(pkg.private, true, 'never published: the bin field served only npx in this repository');
  });
});
