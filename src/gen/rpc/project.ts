/**
 * `gen rpc`: the IR of a `.proto` contract → the plan of a complete gRPC service project.
 *
 * This file builds typed view models and hands them to the templates in templates/rpc/; the message
 * types and codecs come from messages.ts; the project files and the vendored runtime (the closure of
 * what the rendered files import from templates/runtime/) from ../project/.
 */
import path from 'node:path';
import type { Document, Method, Service } from '../../ir/index.js';
import { declarableName, camelCase as lowerCamel, kebabCase, pascalCase as pascal } from '../names.js';
import { type Owner, type Plan, type PlanEntry, ownedFile, sortPlan } from '../plan.js';
import { clientPackage, finishProject } from '../project/index.js';
import { type RenderEnv, renderTemplate } from '../render.js';
import type { RuntimeSource } from '../runtime/manifest.js';
import { generateMessageFiles } from './messages.js';

export interface RpcOptions {
  /** The service (project) name; defaults to the entry file's base name. */
  readonly name?: string;
  /** The port in the scaffolded config. */
  readonly port?: number;
}

type Kind = 'unary' | 'serverStream' | 'clientStream' | 'bidiStream';

/** Members of every generated client class: an RPC with one of these names gets an `Rpc` suffix. */
const CLIENT_MEMBERS: ReadonlySet<string> = new Set(['close', 'waitForReady', 'constructor']);

const KIND_LABEL: Record<Kind, string> = {
  unary: 'unary',
  serverStream: 'server streaming',
  clientStream: 'client streaming',
  bidiStream: 'bidirectional streaming',
};

const BIND_FN: Record<Kind, string> = {
  unary: 'bindUnary',
  serverStream: 'bindServerStream',
  clientStream: 'bindClientStream',
  bidiStream: 'bindBidiStream',
};

function kindOf(method: Method): Kind {
  const { client, server } = method.streaming;
  return client && server ? 'bidiStream' : client ? 'clientStream' : server ? 'serverStream' : 'unary';
}

/**
 * ESM import specifier from one generated file to another (both relative to the project root), with
 * the `.ts` extension: Node runs the sources directly, and tsc rewrites it to `.js` (docs/generation.md).
 */
function importPath(fromFile: string, toFile: string): string {
  let rel = path.posix.relative(path.posix.dirname(fromFile), toFile);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

/** Allocates local names for message types used in one file: the short name, unless two collide. */
class TypeImports {
  private readonly byFull = new Map<string, { file: string; name: string; local: string }>();
  private readonly locals = new Set<string>();
  constructor(private readonly tsName: (fullName: string) => { file: string; name: string }) {}

  use(fullName: string): string {
    const known = this.byFull.get(fullName);
    if (known) return known.local;
    const { file, name } = this.tsName(fullName);
    const local = this.locals.has(name) ? fullName.replace(/\./g, '_') : name;
    this.locals.add(local);
    this.byFull.set(fullName, { file, name, local });
    return local;
  }

  /** One import per file, its names sorted (`alias` is null unless a local name differs). */
  imports(fromFile: string): { names: { name: string; alias: string | null }[]; from: string }[] {
    const byFile = new Map<string, { name: string; alias: string | null }[]>();
    for (const { file, name, local } of this.byFull.values()) {
      const list = byFile.get(file) ?? [];
      list.push({ name, alias: local === name ? null : local });
      byFile.set(file, list);
    }
    const spelled = (n: { name: string; alias: string | null }): string => (n.alias === null ? n.name : `${n.name} as ${n.alias}`);
    return [...byFile.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([file, names]) => ({ names: names.sort((a, b) => (spelled(a) < spelled(b) ? -1 : spelled(a) > spelled(b) ? 1 : 0)), from: importPath(fromFile, file) }));
  }
}

interface MethodView {
  readonly rpcName: string;
  readonly name: string;
  readonly kebab: string;
  readonly path: string;
  readonly kind: Kind;
  readonly kindLabel: string;
  readonly isUnary: boolean;
  readonly isServerStream: boolean;
  readonly isClientStream: boolean;
  readonly isBidiStream: boolean;
  readonly requestStream: boolean;
  readonly responseStream: boolean;
  readonly bindFn: string;
  readonly requestParam: string;
  readonly logicAlias: string;
  /** The logic function's name: the RPC's lowerCamel name, `$`-suffixed if reserved (`delete$`). */
  readonly logicName: string;
  /** The client method: the RPC's lowerCamel name, unless a member every client has takes it. */
  readonly clientMethod: string;
  readonly docLines: readonly string[];
  readonly requestFull: string;
  readonly responseFull: string;
}

interface ServiceView {
  readonly fullName: string;
  readonly name: string;
  readonly constName: string;
  readonly clientClass: string;
  readonly kebab: string;
  readonly docLines: readonly string[];
  readonly methods: readonly MethodView[];
}

function serviceViews(doc: Document): ServiceView[] {
  const constNames = new Set<string>();
  return doc.services.map((service: Service) => {
    let constName = `${pascal(service.name)}Service`;
    if (constNames.has(constName)) constName = `${pascal((service.fullName ?? service.name).replace(/\./g, '_'))}Service`;
    constNames.add(constName);
    const kebab = kebabCase(service.fullName && constName.includes('_') ? service.fullName : service.name);
    const methods = service.methods.map((method): MethodView => {
      const kind = kindOf(method);
      const name = lowerCamel(method.name);
      return {
        rpcName: method.name,
        name,
        kebab: kebabCase(method.name),
        path: method.grpcPath ?? `/${service.fullName ?? service.name}/${method.name}`,
        kind,
        kindLabel: KIND_LABEL[kind],
        isUnary: kind === 'unary',
        isServerStream: kind === 'serverStream',
        isClientStream: kind === 'clientStream',
        isBidiStream: kind === 'bidiStream',
        requestStream: method.streaming.client,
        responseStream: method.streaming.server,
        bindFn: BIND_FN[kind],
        requestParam: method.streaming.client ? 'requests' : 'request',
        logicAlias: `${lowerCamel(service.name)}${pascal(method.name)}`,
        logicName: declarableName(name),
        clientMethod: CLIENT_MEMBERS.has(name) ? `${name}Rpc` : name,
        docLines: method.comments,
        requestFull: method.request?.name ?? '',
        responseFull: method.response?.name ?? '',
      };
    });
    return {
      fullName: service.fullName ?? service.name,
      name: service.name,
      constName,
      clientClass: `${pascal(service.name)}Client`,
      kebab,
      docLines: service.doc,
      methods,
    };
  });
}

interface ProjectContext {
  readonly name: string;
  readonly port: number;
  readonly configName: string;
  readonly configFile: string;
  readonly envPrefix: string;
  readonly protoList: string;
  readonly tsName: (fullName: string) => { file: string; name: string };
  readonly services: readonly ServiceView[];
  readonly pbFiles: readonly string[];
  readonly render: (template: string, view: object) => string;
  readonly add: (filePath: string, body: string, owner: Owner) => void;
}

/** Server, clients, config, logic stubs and deployment files: what a contract with services gets. */
function addServiceFiles(c: ProjectContext): void {
  const { services, protoList, render, add } = c;
  const servicesImports = new TypeImports(c.tsName);
  const servicesView = services.map((s) => ({
    ...s,
    methods: s.methods.map((m) => ({ ...m, requestType: servicesImports.use(m.requestFull), responseType: servicesImports.use(m.responseFull) })),
  }));
  add('src/descriptors.ts', render('rpc/descriptors.ts.hbs', { protoList, services: servicesView, pbImports: servicesImports.imports('src/descriptors.ts') }), 'generated');
  const bindFns = [...new Set(services.flatMap((s) => s.methods.map((m) => m.bindFn)))].sort();
  const serviceConsts = services.map((s) => s.constName).sort();
  add('src/server.ts', render('rpc/server.ts.hbs', { protoList, services, bindFns, serviceConsts }), 'generated');
  add('src/main.ts', render('rpc/main.ts.hbs', { protoList, serviceNames: services.map((s) => s.fullName) }), 'generated');
  add('src/config.ts', render('rpc/config.ts.hbs', { configFile: c.configFile, envPrefix: c.envPrefix, configName: c.configName }), 'generated');
  add('src/healthcheck.ts', render('rpc/healthcheck.ts.hbs', {}), 'generated');
  for (const service of services) {
    for (const method of service.methods) {
      const file = `src/logic/${service.kebab}/${method.kebab}.ts`;
      const imports = new TypeImports(c.tsName);
      const requestType = imports.use(method.requestFull);
      const responseType = imports.use(method.responseFull);
      add(file, render('rpc/logic/method.ts.hbs', { ...method, requestType, responseType, pbImports: imports.imports(file) }), 'user');
    }
    const clientFile = `src/client/${service.kebab}.ts`;
    const clientImports = new TypeImports(c.tsName);
    const methods = service.methods.map((m) => ({ ...m, requestType: clientImports.use(m.requestFull), responseType: clientImports.use(m.responseFull) }));
    add(clientFile, render('rpc/client/service.ts.hbs', { ...service, methods, protoList, pbImports: clientImports.imports(clientFile) }), 'generated');
  }
  add('src/client/index.ts', render('rpc/client/index.ts.hbs', { protoList, services, pbFiles: c.pbFiles }), 'generated');
  add('src/svc/context.ts', render('rpc/svc/context.ts.hbs', {}), 'user');
  add('src/smoke.test.ts', render('rpc/smoke.test.ts.hbs', { firstClientClass: services[0]?.clientClass ?? '' }), 'user');
  add(c.configFile, render('rpc/etc.yaml.hbs', { envPrefix: c.envPrefix, configName: c.configName, port: c.port }), 'user');
}

/** The npm name of a service's package: the name with `-rpc` (once). */
function packageNameOf(name: string): string {
  return name.endsWith('-rpc') ? name : `${name}-rpc`;
}

/**
 * Builds every file of the service project. Pure: the same IR and options give the same bytes.
 * A contract without services (shared types only) becomes a library of message types and codecs.
 */
export function generateRpcProject(doc: Document, options: RpcOptions, env: RenderEnv, runtime: RuntimeSource): Plan {
  const name = kebabCase(options.name ?? path.basename(doc.file, path.extname(doc.file))) || 'service';
  const port = options.port ?? 8080;
  const userFiles = doc.files.filter((f) => !f.startsWith('google/protobuf/') && !f.includes('/protobufjs/google/'));
  const protoList = userFiles.map((f) => path.basename(f)).join(', ');
  const messages = generateMessageFiles(doc);
  const services = serviceViews(doc);
  const hasServices = services.length > 0;
  const source = path.basename(doc.file);
  const files: PlanEntry[] = [];
  const add = (filePath: string, body: string, owner: Owner): void => {
    files.push(ownedFile(owner, filePath, body, { source }));
  };
  const render = (template: string, view: object): string => renderTemplate(env, template, view);
  const pbFiles = [...new Set(messages.files.map((f) => f.path.replace(/^src\//, '')))].sort();
  const context: ProjectContext = {
    name,
    port,
    configName: `${name}.rpc`,
    configFile: `etc/${name}.yaml`,
    envPrefix: name.replace(/-/g, '_').toUpperCase(),
    protoList,
    tsName: messages.tsName,
    services,
    pbFiles,
    render,
    add,
  };

  for (const file of messages.files) add(file.path, file.content.replace(/^\/\/ Code generated by tsctl[^\n]*\n/, ''), 'generated');
  if (hasServices) addServiceFiles(context);

  const server = finishProject(
    files,
    {
      kind: hasServices ? 'grpc' : 'library',
      // `usercenter-rpc`, so the api service `usercenter` and its rpc service can be workspaces of one repo.
      name: hasServices ? packageNameOf(name) : name,
      description: hasServices ? `gRPC service generated by tsctl from ${protoList}` : `protobuf types generated by tsctl from ${protoList}`,
      source,
      configFile: hasServices ? context.configFile : null,
      port,
      exports: hasServices ? [{ subpath: './client', module: 'client/index' }] : pbFiles.map((f) => ({ subpath: `./${f.replace(/\.ts$/, '')}`, module: f.replace(/\.ts$/, '') })),
      readme: { contract: protoList, services, firstClientClass: services[0]?.clientClass ?? null, configName: context.configName },
    },
    env,
    runtime,
  );
  if (!hasServices) return server;
  // The client-only package: what an api service (or any caller) depends on, without the server.
  const clientFiles = files.filter((f) => f.path === 'src/descriptors.ts' || f.path.startsWith('src/client/') || f.path.startsWith('src/pb/'));
  const client = clientPackage(
    clientFiles,
    {
      name: `${packageNameOf(name)}-client`,
      description: `Clients of the gRPC service ${name}, generated by tsctl from ${protoList}`,
      source,
      dir: 'client',
      readme: { contract: protoList, services, firstClientClass: services[0]?.clientClass ?? null, serviceName: name, configName: context.configName },
    },
    env,
    runtime,
  );
  return sortPlan([...server, ...client]);
}
