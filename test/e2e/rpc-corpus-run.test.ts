/**
 * The corpus's streaming and multi-service protos (goctl's rpc/example/10-streaming and
 * 05-multiple-services), end to end: `tsctl gen rpc` as a process, real logic in the user files, tsc,
 * the server as a process on loopback, and one call of each method through the generated client.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, tsctl } from '../cli/run-cli.js';
import { corpusPath } from '../helpers/corpus.js';
import { type StartedProcess, linkNodeModules, projectNodeModules, startProcess, tsc } from './support.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-e2e-corpus-run-'));
const servers: StartedProcess[] = [];
let nodeModules: string;

beforeAll(() => {
  assertBuilt();
  nodeModules = projectNodeModules();
}, 300_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  rmSync(tmp, { recursive: true, force: true });
});

interface Case {
  readonly proto: string;
  readonly name: string;
  readonly logic: Record<string, string>;
  /** A module run in the project: `target` is the server address; it prints one JSON line. */
  readonly call: string;
  readonly expected: unknown;
}

const CASES: Case[] = [
  {
    proto: 'go-zero/tools/goctl/rpc/example/10-streaming/stream.proto',
    name: 'stream',
    logic: {
      'src/logic/stream-service/server-stream.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import type { ServiceContext } from '../../svc/context.js';
import { StreamReply, type StreamReq } from '../../pb/streamsvc.js';

export async function* serverStream(svc: ServiceContext, request: StreamReq, ctx: CallContext): AsyncIterable<StreamReply> {
  for (const part of request.input.split(' ')) yield StreamReply.create({ output: part });
}
`,
      'src/logic/stream-service/client-stream.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import type { ServiceContext } from '../../svc/context.js';
import { StreamReply, type StreamReq } from '../../pb/streamsvc.js';

export async function clientStream(svc: ServiceContext, requests: AsyncIterable<StreamReq>, ctx: CallContext): Promise<StreamReply> {
  const parts: string[] = [];
  for await (const request of requests) parts.push(request.input);
  return StreamReply.create({ output: parts.join('+') });
}
`,
      'src/logic/stream-service/bidi-stream.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import type { ServiceContext } from '../../svc/context.js';
import { StreamReply, type StreamReq } from '../../pb/streamsvc.js';

export async function* bidiStream(svc: ServiceContext, requests: AsyncIterable<StreamReq>, ctx: CallContext): AsyncIterable<StreamReply> {
  for await (const request of requests) yield StreamReply.create({ output: request.input.split('').reverse().join('') });
}
`,
    },
    call: `
import { StreamServiceClient } from './dist/client/index.js';
const client = new StreamServiceClient(process.argv[2]);
const out = { server: [], client: null, bidi: [] };
for await (const reply of client.serverStream({ input: 'a b c' }, { deadline: 5000 })) out.server.push(reply.output);
out.client = (await client.clientStream([{ input: 'x' }, { input: 'y' }])).output;
for await (const reply of client.bidiStream([{ input: 'abc' }, { input: 'xyz' }])) out.bidi.push(reply.output);
client.close();
console.log(JSON.stringify(out));
`,
    expected: { server: ['a', 'b', 'c'], client: 'x+y', bidi: ['cba', 'zyx'] },
  },
  {
    proto: 'go-zero/tools/goctl/rpc/example/05-multiple-services/multi.proto',
    name: 'multi',
    logic: {
      'src/logic/search-service/search.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import type { ServiceContext } from '../../svc/context.js';
import { SearchReply, type SearchReq } from '../../pb/multisvc.js';

export async function search(svc: ServiceContext, request: SearchReq, ctx: CallContext): Promise<SearchReply> {
  return SearchReply.create({ items: [request.keyword, request.meta?.traceId ?? 'no-trace'] });
}
`,
      'src/logic/notify-service/notify.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import type { ServiceContext } from '../../svc/context.js';
import { NotifyReply, type NotifyReq } from '../../pb/multisvc.js';

export async function notify(svc: ServiceContext, request: NotifyReq, ctx: CallContext): Promise<NotifyReply> {
  return NotifyReply.create({ ok: request.message === 'ping' && request.meta?.version === 'v2' });
}
`,
    },
    call: `
import { NotifyServiceClient, SearchServiceClient } from './dist/client/index.js';
const search = new SearchServiceClient(process.argv[2]);
const notify = new NotifyServiceClient(process.argv[2]);
const out = {
  search: (await search.search({ keyword: 'books', meta: { traceId: 't-1', version: 'v2' } })).items,
  notify: (await notify.notify({ message: 'ping', meta: { traceId: 't-2', version: 'v2' } })).ok,
};
search.close();
notify.close();
console.log(JSON.stringify(out));
`,
    expected: { search: ['books', 't-1'], notify: true },
  },
];

describe.each(CASES)('gen rpc $name from the corpus, served and called', (c) => {
  const project = path.join(tmp, c.name);

  it('generates, builds, serves and answers every method', async () => {
    const gen = tsctl(['gen', 'rpc', corpusPath(c.proto), '-o', project]);
    expect(gen.stderr).toBe('');
    expect(gen.status).toBe(0);
    for (const [file, text] of Object.entries(c.logic)) writeFileSync(path.join(project, file), text.trimStart());
    linkNodeModules(project, nodeModules);
    const build = tsc(nodeModules, ['-p', 'tsconfig.json'], project);
    expect(build.output).toBe('');
    writeFileSync(path.join(project, 'etc/e2e.yaml'), `Name: ${c.name}.rpc\nListenOn: 127.0.0.1:0\n`);
    const server = startProcess(process.execPath, ['dist/main.js', '-f', 'etc/e2e.yaml'], project);
    servers.push(server);
    const [, address] = await server.waitFor(/serving .* on (127\.0\.0\.1:\d+)/);
    writeFileSync(path.join(project, 'call.mjs'), c.call);
    const call = startProcess(process.execPath, ['call.mjs', address as string], project);
    const [line] = await call.waitFor(/^\{.*\}$/m);
    expect(await call.exit()).toBe(0);
    expect(JSON.parse(line as string)).toEqual(c.expected);
    expect(await server.stop()).toBe(0);
  }, 120_000);
});
