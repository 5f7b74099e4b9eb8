/**
 * Plumbing shared by the go-zero interop tests: when to skip, and starting a goctl-generated peer on a
 * free loopback port (peers.mjs builds them).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type StartedProcess, startProcess } from '../e2e/support.js';
import { goRequired } from './harness.mjs';
import { freePort, peerStatus, waitForPort } from './peers.mjs';

/**
 * True when the suite must skip: Go (or protoc, for the rpc peer) is missing and TSCTL_REQUIRE_GO is
 * not set. Prints the reason. With TSCTL_REQUIRE_GO=1 a missing tool never skips: building the peer
 * then fails the suite with the same reason.
 */
export function skipInterop(kind: 'rpc' | 'rest', suite: string): boolean {
  const status = peerStatus(kind);
  if (status.available) return false;
  console.warn(`go-zero interop: ${suite} ${goRequired() ? 'FAILS (TSCTL_REQUIRE_GO=1)' : 'skipped'}: ${status.reason}`);
  return !goRequired();
}

export interface GoPeerProcess {
  readonly process: StartedProcess;
  readonly port: number;
  readonly address: string;
}

/**
 * Starts `binary -f <dir>/<name>.yaml` with the config `config(port)` on a free port, and resolves once
 * the port accepts connections. A port taken between the check and the bind is retried with another.
 */
export async function startGoPeer(binary: string, config: (port: number) => string, dir: string, name: string): Promise<GoPeerProcess> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const file = path.join(dir, `${name}.yaml`);
    writeFileSync(file, config(port));
    const child = startProcess(binary, ['-f', file], dir);
    try {
      await waitForPort(port, { timeoutMs: 20_000, alive: () => child.child.exitCode === null && child.child.signalCode === null });
      return { process: child, port, address: `127.0.0.1:${port}` };
    } catch (error) {
      await child.stop(1000);
      lastError = new Error(`${path.basename(binary)} did not start: ${String(error)}\n${child.output()}`);
      if (!/address already in use/.test(child.output())) break;
    }
  }
  throw lastError;
}

/** Stops a peer that may not have started; go-zero waits about a second before shutting down. */
export async function stopAll(processes: readonly (StartedProcess | undefined)[]): Promise<void> {
  await Promise.all(processes.map((p) => p?.stop(3000)));
}
