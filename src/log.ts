// pino on stdout: JSON lines for machines (pipes, files, log collectors), readable lines on a terminal. Log
// objects carry ids, codes, verdicts and durations: never a paste, never a secret.
import { pino } from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { LogFormat, LogLevel } from './config.ts';

export type Logger = PinoLogger;

/** Header and field names whose values must never reach a log line, wherever they appear. */
const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'password',
  '*.password',
  'appPassword',
  '*.appPassword',
  'connectionString',
  '*.connectionString',
  'token',
  '*.token',
  'text',
  '*.text',
  'body',
  '*.body',
];

// Matches key/signature material that may sneak into an error message (SDK errors quote URLs and headers).
const SECRET_IN_TEXT = /((?:SharedAccessKey|AccountKey|sig|PrimaryKey|SecondaryKey|password|client_secret)\s*[=:]\s*"?)([^;&"\s,]+)|(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

/** Strips secret-looking values from a message meant for a log line, and bounds its length. */
export function scrubForLog(message: string, maxLength = 300): string {
  const scrubbed = message.replace(SECRET_IN_TEXT, (_m, key: string | undefined, _v: string | undefined, bearer: string | undefined) =>
    bearer !== undefined ? `${bearer}***` : `${key ?? ''}***`,
  );
  return scrubbed.length > maxLength ? `${scrubbed.slice(0, maxLength)}…` : scrubbed;
}

function stackFrames(stack: string | undefined): string[] {
  return (stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, 8);
}

/** Error shape for logs. Message is scrubbed; pass `withMessage: false` where it may quote user input. */
export function errorFields(error: unknown, options: { withMessage?: boolean } = {}): Record<string, unknown> {
  if (!(error instanceof Error)) return { errType: typeof error };
  const details = error as Error & { code?: unknown; statusCode?: unknown };
  return {
    errType: error.name,
    ...(options.withMessage === false ? {} : { errMessage: scrubForLog(error.message) }),
    ...(typeof details.code === 'string' || typeof details.code === 'number' ? { errCode: details.code } : {}),
    ...(typeof details.statusCode === 'number' ? { errStatus: details.statusCode } : {}),
    errStack: stackFrames(error.stack),
  };
}

/** What the log lines on stdout look like. */
export type LogOutput = 'json' | 'pretty';

/** LOG_FORMAT=auto: readable when a person watches the terminal, JSON lines when stdout goes anywhere else. */
export function chooseLogOutput(format: LogFormat, stdoutIsTerminal: boolean): LogOutput {
  if (format === 'auto') return stdoutIsTerminal ? 'pretty' : 'json';
  return format;
}

/**
 * Readable lines on stdout: time, level, message, then the fields on the same line. Written synchronously
 * in this thread (no transport worker), like the JSON lines, so none is lost when the process exits.
 */
export function prettyDestination(destination: number | NodeJS.WritableStream = 1): DestinationStream {
  return PinoPretty({ destination, sync: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name' });
}

export function createLogger(options: { level: LogLevel; name?: string; output?: LogOutput; destination?: DestinationStream }): Logger {
  const settings = {
    level: options.level,
    name: options.name ?? 'iothub-oncall',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: (error: unknown) => errorFields(error) },
    formatters: { level: (label: string) => ({ level: label }) },
  };
  // Synchronous writes: lines stay in order and none is lost when the process exits right after logging.
  const destination = options.destination ?? (options.output === 'pretty' ? prettyDestination() : pino.destination({ dest: 1, sync: true }));
  return pino(settings, destination);
}

/** A logger that drops everything (unit tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
