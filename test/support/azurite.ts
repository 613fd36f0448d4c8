// Starts a real Azurite blob service on 127.0.0.1 for a test file (in-memory, killed in `after`).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Azurite's well-known development account (public, documented; not a secret).
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function connectionStringFor(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface Azurite {
  port: number;
  connectionString: string;
  stop(): Promise<void>;
}

export async function startAzurite(port?: number): Promise<Azurite> {
  const blobPort = port ?? (await freePort());
  const workspace = mkdtempSync(join(tmpdir(), 'azurite-'));
  const main = join(import.meta.dirname, '../../node_modules/azurite/dist/src/blob/main.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [main, '--inMemoryPersistence', '--blobHost', '127.0.0.1', '--blobPort', String(blobPort), '--skipApiVersionCheck', '--silent'],
    { cwd: workspace, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Azurite's graceful close waits for clients' keep-alive sockets (minutes): give it a moment, then kill.
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 1_000);
      await exited;
      clearTimeout(timer);
    }
    await exited;
    rmSync(workspace, { recursive: true, force: true });
  };
  for (let waited = 0; ; waited += 50) {
    if (await listening(blobPort)) break;
    if (child.exitCode !== null || waited > 20_000) {
      await stop();
      throw new Error(`azurite did not start on port ${blobPort}: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { port: blobPort, connectionString: connectionStringFor(blobPort), stop };
}
