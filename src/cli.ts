// `iothub-oncall` command line: diagnose a paste offline, or run the ARM simulator.
//   iothub-oncall diagnose [--json] [--locale en|fr] [FILE|-]
//   iothub-oncall sim [...]
//   iothub-oncall help
// Nothing printed ever contains a secret from the input: the diagnosis is built from redacted text.
// Startup cost matters here (`npx iothub-oncall diagnose FILE` is meant to answer at once): this module imports
// only the diagnosis core and two small text tables; the simulator is imported when its command is run.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { toCliJson } from './diagnosis/cli-json.ts';
import { DEFAULT_MAX_CHARS, diagnose } from './diagnosis/diagnose.ts';
import { retryErrorClass, sdkRetries } from './diagnosis/sdk-retry-facts.ts';
import type { Diagnosis, VerdictKind } from './diagnosis/types.ts';
import type { Locale } from './core/locale.ts';
import { sdkVersionNote } from './i18n/errors/sdk-retry.ts';
import { serviceVerdict } from './i18n/errors/services.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
  stdinIsTerminal: boolean;
}

const defaultIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  },
  readFile: (path) => readFile(path, 'utf8'),
  stdinIsTerminal: process.stdin.isTTY === true,
};

const USAGE = `Usage:
  iothub-oncall diagnose [--json] [--locale en|fr] [FILE|-]
      Diagnose an Azure IoT Hub error paste read from FILE, or from standard input
      when FILE is '-' or absent. --json prints the machine-readable diagnosis.
  iothub-oncall sim [options]
      Run the ARM simulator (Microsoft.Devices + Microsoft.ResourceHealth stand-in).
  iothub-oncall help
      Show this help.
`;

const EXIT_OK = 0;
const EXIT_USAGE = 2;

class UsageError extends Error {}

interface DiagnoseArgs {
  json: boolean;
  locale: Locale;
  source: string | null;
}

const DIAGNOSE_OPTIONS = {
  json: { type: 'boolean' },
  locale: { type: 'string' },
} as const;

/** parseArgs' own errors, in the CLI's words (its messages name internals such as "strict: false"). */
function usageErrorOf(error: unknown, args: readonly string[]): UsageError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(error instanceof Error && error.message.includes('--json') ? '--json takes no value.' : "--locale must be 'en' or 'fr'.");
  }
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = args.find((arg) => arg.startsWith('-') && arg !== '-' && !/^--(?:json|locale)(?:=|$)/.test(arg));
    return new UsageError(`unknown option '${option ?? args.join(' ')}'.`);
  }
  return new UsageError(error instanceof Error ? error.message : 'bad arguments.');
}

function parseDiagnoseOptions(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: DIAGNOSE_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageErrorOf(error, args);
  }
}

function parseDiagnoseArgs(args: readonly string[]): DiagnoseArgs {
  const { values, positionals } = parseDiagnoseOptions(args);
  const locale = values.locale ?? 'en';
  if (locale !== 'en' && locale !== 'fr') throw new UsageError(`--locale must be 'en' or 'fr' (got '${locale}').`);
  if (positionals.length > 1) throw new UsageError('diagnose reads one paste: give one FILE (or - for standard input).');
  return { json: values.json === true, locale, source: positionals[0] ?? null };
}

function describeReadError(path: string, error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const reason =
    code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : 'it could not be read';
  return `iothub-oncall: cannot read '${path}': ${reason}.\n`;
}

async function runDiagnose(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseDiagnoseArgs(args);
  let paste: string;
  if (options.source === null || options.source === '-') {
    if (io.stdinIsTerminal) io.stderr('Paste the error, then press Ctrl-D (Ctrl-Z, Enter on Windows).\n');
    paste = await io.readStdin();
  } else {
    try {
      paste = await io.readFile(options.source);
    } catch (error) {
      io.stderr(describeReadError(options.source, error));
      return EXIT_USAGE;
    }
  }
  const diagnosis = diagnose(paste);
  io.stdout(options.json ? `${JSON.stringify(toCliJson(diagnosis), null, 2)}\n` : renderText(diagnosis, options.locale));
  return EXIT_OK;
}

async function runSimulator(args: string[]): Promise<number> {
  const { runSimulatorCommand } = await import('./sim/cli.ts');
  return runSimulatorCommand(args);
}

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'diagnose':
        return await runDiagnose(rest, io);
      case 'sim':
        return await runSimulator(rest);
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return EXIT_OK;
      case undefined:
        io.stderr(USAGE);
        return EXIT_USAGE;
      default:
        throw new UsageError(`unknown command '${command}'.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`iothub-oncall: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

// ---- Text summary (the --json output is the contract; this is for people at a terminal) ----

interface TextLabels {
  title: string;
  verdict: string;
  verdicts: Record<VerdictKind, string>;
  findings: string;
  none: string;
  transient: string;
  notTransient: string;
  transientUnknown: string;
  hubs: string;
  hubNames: string;
  devices: string;
  modules: string;
  trackingIds: string;
  timeSpan: string;
  protocols: string;
  secrets: string;
  truncated: (inputChars: number, readChars: number) => string;
}

const LABELS: Record<Locale, TextLabels> = {
  en: {
    title: 'IoT Hub On-Call diagnosis',
    verdict: 'Verdict',
    verdicts: {
      'transient-service': 'transient service-side error: retry with backoff and check the hub health',
      'client-config': "caller-side problem (request, credentials, limits): a failover would not help",
      'device-offline': 'the device is offline or not listening: check the device, not the hub',
      'not-iothub': 'network or local problem (DNS, sockets, TLS, local services): not a hub fault',
      unknown: 'nothing recognised: paste the whole error (exception, body with the 6-digit code, tracking id)',
    },
    findings: 'Findings (most severe first)',
    none: 'none',
    transient: 'transient',
    notTransient: 'not transient',
    transientUnknown: 'transience unknown',
    hubs: 'Hub host names',
    hubNames: 'Hub names',
    devices: 'Devices',
    modules: 'Modules',
    trackingIds: 'Tracking ids',
    timeSpan: 'Time span (UTC)',
    protocols: 'Protocols',
    secrets: 'Secrets found and redacted',
    truncated: (inputChars, readChars) => `Input truncated: ${inputChars.toLocaleString('en')} characters, only the first ${readChars.toLocaleString('en')} were read.`,
  },
  fr: {
    title: 'Diagnostic IoT Hub On-Call',
    verdict: 'Verdict',
    verdicts: {
      'transient-service': 'erreur transitoire côté service : réessayer avec backoff et vérifier la santé du hub',
      'client-config': "problème côté appelant (requête, identifiants, limites) : un basculement n'aiderait pas",
      'device-offline': "l'appareil est hors ligne ou n'écoute pas : vérifier l'appareil, pas le hub",
      'not-iothub': "problème réseau ou local (DNS, sockets, TLS, services locaux) : pas une panne du hub",
      unknown: "rien de reconnu : collez l'erreur complète (exception, corps avec le code à 6 chiffres, tracking id)",
    },
    findings: 'Constats (du plus grave au moins grave)',
    none: 'aucun',
    transient: 'transitoire',
    notTransient: 'non transitoire',
    transientUnknown: 'transitoire ou non : inconnu',
    hubs: 'Noms d’hôte des hubs',
    hubNames: 'Noms de hubs',
    devices: 'Appareils',
    modules: 'Modules',
    trackingIds: 'Tracking ids',
    timeSpan: 'Période (UTC)',
    protocols: 'Protocoles',
    secrets: 'Secrets trouvés et masqués',
    truncated: (inputChars, readChars) => `Entrée tronquée : ${inputChars.toLocaleString('fr')} caractères, seuls les ${readChars.toLocaleString('fr')} premiers ont été lus.`,
  },
};

export function renderText(d: Diagnosis, locale: Locale): string {
  const l = LABELS[locale];
  const verdict = d.service === null ? l.verdicts[d.verdict.kind] : serviceVerdict(locale, d.service);
  const lines: string[] = [l.title, '', `${l.verdict}: ${d.verdict.kind} — ${verdict}`, '', `${l.findings}:`];
  if (d.findings.length === 0) lines.push(`  ${l.none}`);
  d.findings.forEach((f, i) => {
    const label = [f.code, f.name].filter((part) => part !== null).join(' ');
    const transient = f.transient === null ? l.transientUnknown : f.transient ? l.transient : l.notTransient;
    const status = f.httpStatus === null ? '' : `HTTP ${f.httpStatus}, `;
    lines.push(`  ${i + 1}. ${label} (${status}${transient}) ×${f.count}`);
  });
  const list = (label: string, values: readonly string[]): void => {
    if (values.length > 0) lines.push(`${label}: ${values.join(', ')}`);
  };
  lines.push('');
  list(l.hubs, d.context.hubHostNames);
  list(l.hubNames, d.context.hubNames);
  list(l.devices, d.context.deviceIds);
  list(l.modules, d.context.moduleIds);
  list(l.trackingIds, d.context.trackingIds);
  list(l.protocols, d.context.protocols);
  if (d.timeSpan !== null) lines.push(`${l.timeSpan}: ${d.timeSpan.from} → ${d.timeSpan.to}`);
  if (d.secrets.count > 0) lines.push(`${l.secrets}: ${d.secrets.count} (${d.secrets.kinds.join(', ')})`);
  if (d.sdk !== null) {
    const top = d.findings[0];
    const errorClass = top === undefined ? null : retryErrorClass(top);
    lines.push(sdkVersionNote(locale, d.sdk, errorClass, sdkRetries(d.sdk, errorClass)));
  }
  if (d.truncated) lines.push(l.truncated(d.inputChars, DEFAULT_MAX_CHARS));
  while (lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
