#!/usr/bin/env node
// npm run demo: the main job, end to end on a fresh machine. Checks the demo .api contract, generates
// the shop gRPC service from fixtures/rpc/shop/shop.proto into .tsctl-cache/demo/shop, installs and
// builds it, starts it on a free loopback port, calls it with its generated client, and stops it.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsctl = path.join(repo, 'bin/tsctl.js');
const project = path.join(repo, '.tsctl-cache/demo/shop');

function step(title, command, args, cwd = repo) {
  console.log(`\n$ ${[command === process.execPath ? 'node' : command, ...args.map((a) => path.relative(repo, a) || a)].join(' ')}   # ${title}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`demo: '${title}' failed (exit ${result.status})`);
}

process.on('uncaughtException', (error) => {
  console.error(error.message);
  process.exit(1);
});

step('check the demo .api contract', process.execPath, [tsctl, 'api', 'validate', 'fixtures/api/demo.api']);
step('it is canonically formatted', process.execPath, [tsctl, 'api', 'format', '--check', 'fixtures/api/demo.api']);
mkdirSync(path.dirname(project), { recursive: true });
step('generate the shop gRPC service', process.execPath, [tsctl, 'gen', 'rpc', 'fixtures/rpc/shop/shop.proto', '-o', project, '--name', 'shop']);
const logic = path.join(project, 'src/logic/orders/get.ts');
if (readFileSync(logic, 'utf8').includes('return Order.create();')) copyFileSync(path.join(repo, 'fixtures/rpc/shop/demo-logic/get.ts'), logic);
step('install its dependencies', 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], project);
step('build it', 'npm', ['run', 'build', '--silent'], project);

console.log('\n$ node dist/main.js   # start it on a free loopback port (SHOP__ListenOn=127.0.0.1:0)');
const server = spawn(process.execPath, ['dist/main.js'], { cwd: project, env: { ...process.env, SHOP__ListenOn: '127.0.0.1:0' }, stdio: ['ignore', 'pipe', 'inherit'] });
const address = await new Promise((resolve, reject) => {
  let text = '';
  const timer = setTimeout(() => reject(new Error(`the server did not start:\n${text}`)), 20_000);
  server.stdout.on('data', (chunk) => {
    text += chunk;
    process.stdout.write(chunk);
    const m = /on (127\.0\.0\.1:\d+)/.exec(text);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
  server.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${text}`)));
});

const call = `
import { AdminClient, OrdersClient } from './dist/client/index.js';
const orders = new OrdersClient('${address}');
const admin = new AdminClient('${address}');
const order = await orders.get({ id: 'o-1' }, { deadline: 3000, metadata: { 'x-caller': 'demo' } });
console.log('Orders.Get ->', JSON.stringify(order, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
console.log('Admin.Ping ->', JSON.stringify(await admin.ping({ id: '7' })));
orders.close();
admin.close();
`;
writeFileSync(path.join(project, 'demo-call.mjs'), call);
let failure;
try {
  step('call it with the generated client', process.execPath, ['demo-call.mjs'], project);
} catch (error) {
  failure = error;
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
}
if (failure) throw failure;
console.log(`\ndemo done: the generated project is in ${path.relative(repo, project)}`);
