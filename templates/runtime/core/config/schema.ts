/**
 * A tiny typed schema builder for service configuration, in the spirit of go-zero's struct tags.
 *
 * One declaration gives both the check run at start-up (`validate.ts`) and the TypeScript type of the
 * loaded config (`Infer<typeof schema>`), so a user adds `DB: field.object({ DataSource: field.string() })`
 * once and gets `config.DB.DataSource: string`. The rules follow go-zero's `core/mapping`: a field is
 * required unless it has a default or is optional (`json:",optional"`); a non-optional object or map
 * that is absent counts as `{}`, so its own defaults are filled and only its inner required keys are
 * reported. Fields are plain data; all the checking lives in `validate.ts`.
 */

/** What a field accepts; `validate.ts` switches on `kind`. */
export type FieldRule =
  | { readonly kind: 'string' }
  | { readonly kind: 'oneOf'; readonly values: readonly string[] }
  | { readonly kind: 'number'; readonly min: number | undefined; readonly max: number | undefined; readonly integer: boolean }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'duration' }
  | { readonly kind: 'list'; readonly item: Field }
  | { readonly kind: 'object'; readonly fields: Schema; readonly inherit: boolean }
  | { readonly kind: 'map'; readonly value: Field }
  | { readonly kind: 'any' };

/**
 * One config key. `T` is the type of its value, `Optional` whether the key may be absent from the
 * loaded config (optional and no default).
 */
export interface Field<T = unknown, Optional extends boolean = boolean> {
  readonly rule: FieldRule;
  /** True when the key may be absent; false when it is required or has a default. */
  readonly optional: boolean;
  /** The value used when the key is absent (checked like a value from the file), or undefined. */
  readonly default: unknown;
  readonly doc: string | undefined;
  /** Type-level only, never set at runtime: carries `T` and `Optional` to `Infer`. */
  readonly __infer?: { readonly value: T; readonly optional: Optional };
}

/** An object field; `fields` lets a section be reused with other options (`field.object(redisConf.fields, { optional: true })`). */
export interface ObjectField<S extends Schema = Schema, Optional extends boolean = boolean> extends Field<Infer<S>, Optional> {
  readonly fields: S;
}

/** A list field; `item` is the field every element is checked against. */
export interface ListField<F extends Field = Field, Optional extends boolean = boolean> extends Field<readonly InferField<F>[], Optional> {
  readonly item: F;
}

/** A map field (string keys kept as written); `value` is the field every value is checked against. */
export interface MapField<F extends Field = Field, Optional extends boolean = boolean> extends Field<Readonly<Record<string, InferField<F>>>, Optional> {
  readonly value: F;
}

export type Schema = Readonly<Record<string, Field>>;

/** The type of a field's value. */
export type InferField<F extends Field> = NonNullable<F['__infer']>['value'];

type IsOptional<F extends Field> = NonNullable<F['__infer']>['optional'];

/** The loaded config of a schema: readonly; optional keys without a default are `?:`. */
export type Infer<S extends Schema> = Flatten<
  { readonly [K in keyof S as IsOptional<S[K]> extends true ? never : K]: InferField<S[K]> } & {
    readonly [K in keyof S as IsOptional<S[K]> extends true ? K : never]?: InferField<S[K]>;
  }
>;

type Flatten<T> = { [K in keyof T]: T[K] } & {};

interface Common {
  readonly optional?: boolean;
  readonly doc?: string;
}

/** Whether options make a key optional: `optional: true` (or a boolean) and no default. */
type OptionalFlag<O> = O extends { readonly default: infer D } ? ([D] extends [undefined] ? OptionalOnly<O> : false) : OptionalOnly<O>;
type OptionalOnly<O> = O extends { readonly optional: infer B } ? (true extends B ? true : false) : false;

function make<T, O extends boolean>(rule: FieldRule, options: (Common & { readonly default?: unknown }) | undefined): Field<T, O> {
  const fallback = options?.default;
  return { rule, optional: fallback === undefined && options?.optional === true, default: fallback, doc: options?.doc };
}

/** The field builders; every option object is optional. */
export const field = {
  /** A string; numbers and booleans written in the file are taken as their text. */
  string<const O extends Common & { readonly default?: string } = {}>(options?: O): Field<string, OptionalFlag<O>> {
    return make({ kind: 'string' }, options);
  },

  /** One of a fixed set of strings (go-zero's `options=a|b|c`). */
  oneOf<const V extends readonly string[], const O extends Common & { readonly default?: V[number] } = {}>(values: V, options?: O): Field<V[number], OptionalFlag<O>> {
    return make({ kind: 'oneOf', values }, options);
  },

  /** A number; numeric strings (as environment overrides arrive) are accepted. `min`/`max` are inclusive. */
  number<const O extends Common & { readonly default?: number; readonly min?: number; readonly max?: number; readonly integer?: boolean } = {}>(
    options?: O,
  ): Field<number, OptionalFlag<O>> {
    return make({ kind: 'number', min: options?.min, max: options?.max, integer: options?.integer === true }, options);
  },

  /** true or false (also the strings "true" and "false"). */
  boolean<const O extends Common & { readonly default?: boolean } = {}>(options?: O): Field<boolean, OptionalFlag<O>> {
    return make({ kind: 'boolean' }, options);
  },

  /**
   * A Go `time.Duration`, read as milliseconds: `500ms`, `1s`, `1m30s`, `1.5h`, or a number of
   * milliseconds. The default may be written either way.
   */
  duration<const O extends Common & { readonly default?: number | string } = {}>(options?: O): Field<number, OptionalFlag<O>> {
    return make({ kind: 'duration' }, options);
  },

  /** A list; for lists of scalars a single string (from the environment) is split on commas. */
  list<F extends Field, const O extends Common & { readonly default?: readonly InferField<F>[] } = {}>(item: F, options?: O): ListField<F, OptionalFlag<O>> {
    return { ...make({ kind: 'list', item }, options), item };
  },

  /**
   * A nested section. Absent and not optional, it counts as `{}` (its defaults are filled); absent and
   * optional, it stays absent. `inherit` is go-zero's `inherit` tag: missing keys are taken from the
   * same-named section of an enclosing object (an RPC client's `Etcd` from the server's `Etcd`).
   */
  object<const S extends Schema, const O extends Common & { readonly inherit?: boolean } = {}>(fields: S, options?: O): ObjectField<S, OptionalOnly<O>> {
    return { ...make({ kind: 'object', fields, inherit: options?.inherit === true }, options), fields };
  },

  /** A mapping of keys the user chooses (kept as written) to values of one kind; absent and not optional, it is `{}`. */
  map<F extends Field, const O extends Common = {}>(value: F, options?: O): MapField<F, OptionalOnly<O>> {
    return { ...make({ kind: 'map', value }, options), value };
  },

  /** Anything, kept as parsed. */
  any<const O extends Common = {}>(options?: O): Field<unknown, OptionalOnly<O>> {
    return make({ kind: 'any' }, options);
  },
};

/** Identity; lets a user file declare its schema with full inference (`defineConfig({ ...restConf, DB: … })`). */
export function defineConfig<const S extends Schema>(schema: S): S {
  return schema;
}
