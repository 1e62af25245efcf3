// Two ajv keywords for input: `x-text` (behind schemas.Text) normalises a text field in place
// (domain/text) before its length is checked, so that "   ", a lone zero-width space or an RTL
// override is empty; `x-finite`, put on every number of every request schema, refuses what ajv's
// type coercion turns "Infinity" or "1e999" into (ajv then skips minimum and maximum).
import type { FastifyInstance } from 'fastify'
import { normalizeText } from '@/domain/text'
import { TEXT_KEYWORD } from '@/types/schemas/formats'

export const FINITE_KEYWORD = 'x-finite'

interface TextKeywordOptions {
  multiline: boolean
  allowEmpty: boolean
}

interface DataContext {
  parentData?: Record<string, unknown> | unknown[]
  parentDataProperty?: string | number
}

type ValidateFn = ((data: unknown, dataCxt?: DataContext) => boolean) & { errors?: { keyword: string; message: string; params: Record<string, unknown> }[] }

/** The part of Ajv 8 (fastify's validator, not a dependency of ours) this plugin uses. */
interface AjvLike {
  addKeyword(definition: never): unknown
}

export function inputKeywords<A extends AjvLike>(ajv: A): A {
  // no `type`: it runs after the type check and its coercion, on the coerced value
  ajv.addKeyword({
    keyword: FINITE_KEYWORD,
    schemaType: 'boolean',
    errors: true,
    compile() {
      const validate: ValidateFn = (data) => {
        if (typeof data !== 'number' || Number.isFinite(data)) return true
        validate.errors = [{ keyword: 'type', message: 'must be a finite number', params: { type: 'number' } }]
        return false
      }
      return validate
    },
  } as never)
  return textKeyword(ajv)
}

function textKeyword<A extends AjvLike>(ajv: A): A {
  const definition = {
    keyword: TEXT_KEYWORD,
    type: 'string',
    modifying: true,
    errors: true,
    // before minLength and maxLength: they see the normalised text
    before: 'maxLength',
    metaSchema: { type: 'object', properties: { multiline: { type: 'boolean' }, allowEmpty: { type: 'boolean' } }, required: ['multiline', 'allowEmpty'] },
    compile(options: TextKeywordOptions) {
      const validate: ValidateFn = (data, dataCxt) => {
        if (typeof data !== 'string') return true
        const clean = normalizeText(data, { multiline: options.multiline })
        const parent = dataCxt?.parentData as Record<string | number, unknown> | undefined
        if (parent && dataCxt?.parentDataProperty !== undefined) parent[dataCxt.parentDataProperty] = clean
        if (clean === '' && !options.allowEmpty) {
          validate.errors = [{ keyword: 'minLength', message: 'must not be empty', params: { limit: 1 } }]
          return false
        }
        return true
      }
      return validate
    },
  }
  ajv.addKeyword(definition as never)
  return ajv
}

type SchemaNode = Record<string, unknown>

/** Adds x-finite to every number and integer in a request schema (a copy: shared schemas stay as they are). */
function withFinite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withFinite)
  if (!node || typeof node !== 'object') return node
  const out: SchemaNode = {}
  for (const [key, value] of Object.entries(node as SchemaNode)) {
    out[key] =
      key === 'properties' || key === 'patternProperties'
        ? Object.fromEntries(Object.entries(value as SchemaNode).map(([k, v]) => [k, withFinite(v)]))
        : ['items', 'anyOf', 'oneOf', 'allOf', 'not', 'additionalProperties'].includes(key)
          ? withFinite(value)
          : value
  }
  // a nullable number (formats.Nullable) is `type: ['number', 'null']`
  const types = Array.isArray(out.type) ? out.type : [out.type]
  if (types.includes('number') || types.includes('integer')) out[FINITE_KEYWORD] = true
  return out
}

/** Every route's body, querystring, params and headers get x-finite on their numbers. */
export function requireFiniteNumbers(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as Record<string, unknown> | undefined
    if (!schema) return
    for (const part of ['body', 'querystring', 'params', 'headers']) {
      if (schema[part]) schema[part] = withFinite(schema[part])
    }
  })
}
