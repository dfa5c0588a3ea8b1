/** Schemas several components' routes share. */
import { Kind, Type, TypeRegistry, type TSchema, type TUnsafe } from '@sinclair/typebox';

/** `{code, message}`: every refusal of the admin API (some add more, e.g. the catalogue's `problems`). */
export const ErrorAnswer = Type.Object({ code: Type.String(), message: Type.String() });

/** A row id in a path: a positive whole number. */
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'the row id' }) });

export const IsoDate = Type.String({ description: 'a date YYYY-MM-DD' });

/** A value that may be null (OpenAPI 3.1 writes it as a union with `type: null`). */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Every `:name` of an Express path as a text path parameter. */
export const textParams = (path: string) => Type.Object(Object.fromEntries([...path.matchAll(/:(\w+)/g)].map(([, name]) => [name!, Type.String()])));

/** An answer of JSON by schema. */
export const json = (description: string, schema: TSchema) => ({ description, schema });

/** An answer of `{code, message}`. */
export const refusal = (description: string) => ({ description, schema: ErrorAnswer });

TypeRegistry.Set<{ enum: readonly string[] }>('StringEnum', (schema, value) => typeof value === 'string' && schema.enum.includes(value));

/** One of some strings, written as an `enum` (client generators make an enum type of it, not a union). */
export const StringEnum = <T extends string>(values: readonly T[], options: { description?: string } = {}): TUnsafe<T> =>
  Type.Unsafe<T>({ [Kind]: 'StringEnum', type: 'string', enum: values, ...options });
