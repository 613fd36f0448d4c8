// Running one benchmark file on its own (`node bench/load.ts [--quick]`): same table, no docs written.
import { stopAll } from './processes.ts';
import type { BenchSection } from './report.ts';
import { textTable } from './report.ts';

export async function runStandalone(bench: (options: { quick: boolean; log: (line: string) => void }) => Promise<BenchSection>): Promise<void> {
  const quick = process.argv.includes('--quick');
  try {
    const section = await bench({ quick, log: (line) => process.stdout.write(`${line}\n`) });
    process.stdout.write(`\n${section.title}\n${textTable(section.rows)}\n\n${section.notes.map((note) => `- ${note}`).join('\n')}\n`);
  } catch (error) {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    await stopAll();
  }
}
