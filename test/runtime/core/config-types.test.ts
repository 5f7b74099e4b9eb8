// Type-level tests of templates/runtime/core/config/schema.ts: what `Infer` makes of a schema. They are
// checked by `tsc -p test/tsconfig.json` (expectTypeOf does nothing at run time).
import { describe, expectTypeOf, it } from 'vitest';
import {
  cacheConf,
  defineConfig,
  field,
  type Infer,
  type InferField,
  loadConfig,
  restConf,
  rpcClientConf,
  rpcServerConf,
} from '../../../templates/runtime/core/config/index.js';

describe('Infer', () => {
  it('types a user section, go-zero style', () => {
    const schema = defineConfig({ DB: field.object({ DataSource: field.string() }) });
    expectTypeOf<Infer<typeof schema>>().toEqualTypeOf<{ readonly DB: { readonly DataSource: string } }>();
    const config: Infer<typeof schema> = { DB: { DataSource: 'root@tcp(mysql:3306)/app' } };
    expectTypeOf(config.DB.DataSource).toEqualTypeOf<string>();
  });

  it('makes a key optional only when it is optional without a default', () => {
    const schema = defineConfig({
      Required: field.string(),
      WithDefault: field.string({ default: 'a' }),
      Optional: field.string({ optional: true }),
      OptionalWithDefault: field.number({ optional: true, default: 1 }),
      MaybeOptional: field.boolean({ optional: Math.random() > 0.5 }),
    });
    expectTypeOf<Infer<typeof schema>>().toEqualTypeOf<{
      readonly Required: string;
      readonly WithDefault: string;
      readonly Optional?: string;
      readonly OptionalWithDefault: number;
      readonly MaybeOptional?: boolean;
    }>();
    const config = {} as Infer<typeof schema>;
    expectTypeOf(config.Optional).toEqualTypeOf<string | undefined>();
  });

  it('types every kind of field', () => {
    const [text, count, flag, wait, anything] = [field.string(), field.number(), field.boolean(), field.duration(), field.any()];
    expectTypeOf<InferField<typeof text>>().toEqualTypeOf<string>();
    expectTypeOf<InferField<typeof count>>().toEqualTypeOf<number>();
    expectTypeOf<InferField<typeof flag>>().toEqualTypeOf<boolean>();
    expectTypeOf<InferField<typeof wait>>().toEqualTypeOf<number>();
    expectTypeOf<InferField<typeof anything>>().toEqualTypeOf<unknown>();
    const mode = field.oneOf(['dev', 'pro'], { default: 'pro' });
    expectTypeOf<InferField<typeof mode>>().toEqualTypeOf<'dev' | 'pro'>();
    const hosts = field.list(field.string());
    expectTypeOf<InferField<typeof hosts>>().toEqualTypeOf<readonly string[]>();
    const nodes = field.list(field.object({ Host: field.string(), Pass: field.string({ optional: true }) }));
    expectTypeOf<InferField<typeof nodes>>().toEqualTypeOf<readonly { readonly Host: string; readonly Pass?: string }[]>();
    const headers = field.map(field.number());
    expectTypeOf<InferField<typeof headers>>().toEqualTypeOf<Readonly<Record<string, number>>>();
  });

  it('keeps a non-optional object required and an optional one optional', () => {
    const schema = defineConfig({
      Log: field.object({ Level: field.string({ default: 'info' }) }),
      Etcd: field.object({ Key: field.string() }, { optional: true }),
    });
    expectTypeOf<Infer<typeof schema>>().toEqualTypeOf<{ readonly Log: { readonly Level: string }; readonly Etcd?: { readonly Key: string } }>();
  });

  it('rejects a default of the wrong type', () => {
    // @ts-expect-error a string field's default is a string
    field.string({ default: 1 });
    // @ts-expect-error a default must be one of the values
    field.oneOf(['a', 'b'], { default: 'c' });
    // @ts-expect-error a list default holds items of the item type
    field.list(field.number(), { default: ['x'] });
  });
});

describe('the go-zero base schemas', () => {
  const api = defineConfig({ ...restConf, Cache: cacheConf, UserRpc: rpcClientConf });
  type Api = Infer<typeof api>;
  type Rpc = Infer<typeof rpcServerConf>;

  it('types RestConf keys', () => {
    expectTypeOf<Api['Name']>().toEqualTypeOf<string>();
    expectTypeOf<Api['Port']>().toEqualTypeOf<number>();
    expectTypeOf<Api['Mode']>().toEqualTypeOf<'dev' | 'test' | 'rt' | 'pre' | 'pro'>();
    expectTypeOf<Api['Log']['Level']>().toEqualTypeOf<'debug' | 'info' | 'error' | 'severe'>();
    expectTypeOf<Api['Telemetry']>().toEqualTypeOf<
      | {
          readonly Name?: string;
          readonly Endpoint?: string;
          readonly Sampler: number;
          readonly Batcher: 'zipkin' | 'otlpgrpc' | 'otlphttp' | 'file';
          readonly OtlpHeaders?: Readonly<Record<string, string>>;
          readonly OtlpHttpPath?: string;
          readonly OtlpHttpSecure?: boolean;
          readonly Disabled?: boolean;
        }
      | undefined
    >();
    expectTypeOf<Api['Middlewares']['Gunzip']>().toEqualTypeOf<boolean>();
    expectTypeOf<Api['ShutdownTimeout']>().toEqualTypeOf<number>();
  });

  it('types user sections built from go-zero types', () => {
    expectTypeOf<Api['Cache'][number]['Weight']>().toEqualTypeOf<number>();
    expectTypeOf<Api['Cache'][number]['Type']>().toEqualTypeOf<'node' | 'cluster'>();
    expectTypeOf<Api['UserRpc']['Etcd']>().toEqualTypeOf<
      | {
          readonly Hosts: readonly string[];
          readonly Key: string;
          readonly ID?: number;
          readonly User?: string;
          readonly Pass?: string;
          readonly CertFile?: string;
          readonly CertKeyFile?: string;
          readonly CACertFile?: string;
          readonly InsecureSkipVerify?: boolean;
        }
      | undefined
    >();
    expectTypeOf<Api['UserRpc']['KeepaliveTime']>().toEqualTypeOf<number | undefined>();
  });

  it('types RpcServerConf keys', () => {
    expectTypeOf<Rpc['ListenOn']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<Rpc['Redis']>['Key']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<Rpc['MethodTimeouts']>>().toEqualTypeOf<readonly { readonly FullMethod: string; readonly Timeout: number }[]>();
  });

  it('returns Infer<S> from loadConfig', () => {
    expectTypeOf(loadConfig<typeof api>).returns.toEqualTypeOf<Api>();
  });
});
