// The formats of the HTTP contract, declared once (DESIGN.md §6: bad input gets a 400 naming the
// field and changes nothing). Schema files in types/schemas/ build on these; the app imports only
// their `Static<>` types (through types/*.ts), so TypeBox never reaches the mini-program bundle.
import { Type, type Static, type TSchema } from '@sinclair/typebox'

/** ajv keyword behind `Text` (server/src/lib/input-keywords.ts implements it). */
export const TEXT_KEYWORD = 'x-text'

export const StringEnum = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) })

/** An integer typed as a union of literals (weekdays, escalation levels): the document says integer. */
export const IntegerOf = <T extends number>(options: Parameters<typeof Type.Integer>[0] = {}) => Type.Unsafe<T>(Type.Integer(options))

/**
 * `schema` or null. A schema with one `type` becomes `type: [T, 'null']` (null added to its `enum`;
 * `format`, `minLength`, `minimum`, `properties` and the like apply only to values of that type), so
 * fast-json-stringify writes it without compiling an ajv validator for an `anyOf` and checking every
 * value against it; ajv, the OpenAPI document (`nullable: true`) and the static type
 * (`Static<T> | null`) are as with `Union([T, Null])`, which stays for a schema without one type.
 * Only JSON Schema is read from the result (ajv, fast-json-stringify, swagger), never TypeBox's
 * Value or TypeCompiler.
 */
export const Nullable = <T extends TSchema>(schema: T) => {
  const { type, const: constant } = schema as { type?: unknown; const?: unknown }
  if (typeof type !== 'string' || type === 'null' || constant !== undefined) return Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]))
  // own string keys only: TypeBox's symbols (its Kind, Optional) describe `schema`, not this one
  const nullable: Record<string, unknown> = { ...Object.fromEntries(Object.entries(schema)), type: [type, 'null'] }
  if (Array.isArray(schema.enum)) nullable.enum = [...(schema.enum as unknown[]), null]
  return Type.Unsafe<Static<T> | null>(nullable)
}

/** Printable, no spaces or control characters (a NUL would be a 500 on PostgreSQL). */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\s\\x00-\\x1f\\x7f]+$', description: '编号' })
/** An instant: RFC 3339 with a zone (`2026-12-01T00:20:00Z`), a real day of a 4-digit year. */
export const Instant = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO-8601 时间（UTC，如 2026-12-01T00:20:00Z）' })
/** A local date in Beijing time, a real day (no 2026-02-30) of this century or the last. */
export const LocalDate = Type.String({ format: 'date', pattern: '^(19|20)\\d{2}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD（北京时间）' })
export const LocalTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: '时间 HH:mm（北京时间）' })

/** A phone's fix (GCJ-02, anywhere on Earth: a wrong fix is judged by the fence, not refused here). */
export const FixSchema = {
  lat: Type.Number({ minimum: -90, maximum: 90, description: 'GCJ-02 纬度' }),
  lng: Type.Number({ minimum: -180, maximum: 180, description: 'GCJ-02 经度' }),
  accuracy: Type.Number({ minimum: 0, maximum: 100000, description: '定位精度（米）' }),
}
/** A place we keep (gate, school, hazard, training venue): inside China's GCJ-02 bounds. */
export const PlaceSchema = {
  lat: Type.Number({ minimum: 3, maximum: 54, description: 'GCJ-02 纬度' }),
  lng: Type.Number({ minimum: 73, maximum: 136, description: 'GCJ-02 经度' }),
}

/**
 * Text people type (names, titles, descriptions, reasons, notes): normalised while validating by
 * domain/text (trimmed, control and invisible characters removed) and then checked for length;
 * empty after that is refused unless `allowEmpty`.
 */
export const Text = (options: { maxLength: number; minLength?: number; multiline?: boolean; allowEmpty?: boolean; description?: string }) =>
  Type.String({
    [TEXT_KEYWORD]: { multiline: !!options.multiline, allowEmpty: !!options.allowEmpty },
    maxLength: options.maxLength,
    ...(options.allowEmpty ? {} : { minLength: options.minLength ?? 1 }),
    ...(options.description ? { description: options.description } : {}),
  })

export const ListOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) })

/** `{ id }` in the path. */
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })

/** A stored photo or attachment as answers show it. */
export const PhotoSchema = Type.Object({ fileId: Id, url: Type.String(), thumbUrl: Type.String() })
