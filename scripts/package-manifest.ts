// `npm run package`: builds build/appPackage.zip (the Teams app package) from manifest/.
// Usage: node scripts/package-manifest.ts [--out FILE] [--env-file FILE] [--manifest-dir DIR]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PackagingError, loadEnv } from './manifest/env.ts';
import { buildAppPackage } from './manifest/package.ts';

const repoRoot = resolve(import.meta.dirname, '..');

const usage = `Usage: node scripts/package-manifest.ts [--out FILE] [--env-file FILE] [--manifest-dir DIR]
  --out FILE           zip to write (default: build/appPackage.zip)
  --env-file FILE      KEY=VALUE file read under the environment (default: .env, if present)
  --manifest-dir DIR   template, icons and localization files (default: the project's manifest/)
Variables: MicrosoftAppId (required), BOT_DOMAIN (required), TEAMS_APP_ID, APP_VERSION,
  DEVELOPER_NAME, DEVELOPER_WEBSITE_URL, DEVELOPER_PRIVACY_URL, DEVELOPER_TERMS_URL.`;

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: {
      out: { type: 'string' },
      'env-file': { type: 'string' },
      'manifest-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const envFile = args['env-file'];
  const env = loadEnv(process.env, resolve(envFile ?? '.env'), { required: envFile !== undefined });
  const { version } = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const result = await buildAppPackage({
    manifestDir: resolve(args['manifest-dir'] ?? resolve(repoRoot, 'manifest')),
    env,
    outFile: resolve(args.out ?? 'build/appPackage.zip'),
    defaultVersion: version,
  });
  for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
  process.stdout.write(
    [
      `Teams app package written to ${result.outFile}`,
      `  app id ${result.values.TEAMS_APP_ID}, version ${result.values.APP_VERSION}`,
      `  bot ${result.values.MicrosoftAppId}, domain ${result.values.BOT_DOMAIN}`,
      `  entries: ${result.entries.join(', ')}`,
      '  manifest and localization files valid against the bundled official schema',
      '',
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof PackagingError || error instanceof TypeError ? error.message : String((error as Error).stack ?? error);
    process.stderr.write(`package-manifest: ${message}\n`);
    process.exitCode = 1;
  },
);
