// @ts-check
/**
 * `npm run interop:build`: builds (or finds in .tsctl-cache/go/) everything the go-zero interop tests
 * use, printing one line per step. Where Go is missing it prints why and exits 0, unless
 * TSCTL_REQUIRE_GO=1 (CI), where it exits 1.
 */
import { ensureTools, goRequired, goStatus, goctlVersion, progress } from './harness.mjs';
import { ensurePeers } from './peers.mjs';

const status = goStatus();
if (!status.available) {
  if (goRequired()) {
    progress(`cannot run: ${status.reason}, and TSCTL_REQUIRE_GO=1 requires the go-zero interop suite`);
    process.exit(1);
  }
  progress(`skipped: ${status.reason}; the go-zero interop and goctl differential tests will be skipped`);
  process.exit(0);
}
const started = Date.now();
const tools = ensureTools();
progress(`goctl ${goctlVersion()} ready at ${tools.goctl}`);
const peers = ensurePeers();
progress(`go-zero peers ready: ${'skipped' in peers.rpc ? `shop skipped (${peers.rpc.skipped})` : 'shop'}, bookstore (${((Date.now() - started) / 1000).toFixed(1)} s)`);
