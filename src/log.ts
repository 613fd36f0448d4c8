// pino, JSON lines on stdout. Log objects carry ids, codes, verdicts and durations: never a paste, never a secret.
import { pino } from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import type { LogLevel } from './config.ts';

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

export function createLogger(options: { level: LogLevel; name?: string; destination?: DestinationStream }): Logger {
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
  return pino(settings, options.destination ?? pino.destination({ dest: 1, sync: true }));
}

/** A logger that drops everything (unit tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
