// formats.Nullable writes `type: [T, 'null']` instead of `anyOf: [T, null]`, so that fast-json-stringify
// writes a nullable field without compiling and running an ajv validator for it. The same inputs go
// through two small apps set up as server/src/app.ts sets up validation and errors, one with the old
// Union([T, Null]) and one with Nullable(T): answers are written alike, null is accepted, a wrong type is
// refused with the same Chinese 400. Differences, each tested below: what ajv's coercion used to turn into
// null in the anyOf's null branch after T refused it ('' for a time or an id, 0 for a count of at least 1)
// and a one-item array for a single value are now a 400 naming the field; a null stays null (the union
// made it '' or 0 for a plain string, text or number); an answer breaking T's format or enum is written.
import Fastify, { type FastifyInstance } from 'fastify'
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Id, Instant, IntegerOf, Nullable, StringEnum, Text } from '@/types/schemas/formats'
import { inputKeywords, requireFiniteNumbers } from '../../server/src/lib/input-keywords'
import { registerErrors } from '../../server/src/plugins/errors'

async function appWith(field: TSchema): Promise<FastifyInstance> {
  const app = Fastify({ ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false }, plugins: [inputKeywords] } })
  registerErrors(app, { spaFallback: false })
  requireFiniteNumbers(app)
  const body = Type.Object({ x: field }, { additionalProperties: false })
  // checked on the way in, written on the way out
  app.post('/check', { schema: { body, response: { 200: body } } }, async (request) => request.body)
  // written only: whatever came in
  app.post('/write', { schema: { response: { 200: body } } }, async (request) => request.body)
  await app.ready()
  return app
}

/** `valid`: written and checked as T; `other`: wrong types, values T refuses or that ajv coerces. */
const cases: { name: string; inner: () => TSchema; valid: unknown[]; other: unknown[] }[] = [
  { name: 'Instant', inner: () => Instant, valid: ['2026-12-01T00:20:00Z'], other: ['next tuesday', '2026-02-30T08:00:00Z', 5, true, {}, [], 'x'.repeat(50)] },
  { name: 'Id', inner: () => Id, valid: ['abc-123'], other: ['a b', 7, {}] },
  { name: 'String', inner: () => Type.String(), valid: ['', 'text'], other: [5, false, {}] },
  { name: 'Integer 1..10000', inner: () => Type.Integer({ minimum: 1, maximum: 10000 }), valid: [5], other: ['12', 3.5, 'abc', 'Infinity', '1e999', 20000, {}] },
  { name: 'Number', inner: () => Type.Number(), valid: [2.5, -1e308], other: ['2.5', 'NaN', 'Infinity', {}] },
  { name: 'IntegerOf', inner: () => IntegerOf<1 | 2>({ minimum: 1, maximum: 2 }), valid: [1, 2], other: [3, 'a'] },
  { name: 'StringEnum', inner: () => StringEnum(['attended', 'no_show'] as const), valid: ['attended', 'no_show'], other: ['gone', 5, {}] },
  { name: 'Text', inner: () => Text({ maxLength: 5, allowEmpty: true }), valid: ['ab'], other: ['  ab \u200b', 'abcdef', {}, 5] },
  {
    name: 'Object',
    inner: () => Type.Object({ lat: Type.Number(), name: Type.String() }),
    valid: [{ lat: 1, name: 'a' }],
    other: [{ lat: 'x', name: 'a' }, { lat: 1 }, 'x', [], 5],
  },
]

const answers = async (app: FastifyInstance, url: string, x: unknown) => {
  const res = await app.inject({ method: 'POST', url, payload: { x } })
  return [res.statusCode, res.json()]
}

describe('Nullable', () => {
  it.each(cases)('$name: one type and null, no anyOf', ({ inner }) => {
    const schema = Nullable(inner()) as unknown as Record<string, unknown>
    expect(JSON.stringify(schema)).not.toContain('anyOf')
    expect(schema.type).toEqual([(inner() as unknown as { type: string }).type, 'null'])
    if (schema.enum) expect(schema.enum).toContain(null)
  })

  it('keeps the union where the schema has no one type, and the static type T | null', () => {
    expect(Nullable(Type.Union([Type.String(), Type.Number()]))).toMatchObject({ anyOf: [{ anyOf: expect.any(Array) }, { type: 'null' }] })
    expect(Nullable(Type.Literal('a'))).toMatchObject({ anyOf: [{ const: 'a' }, { type: 'null' }] })
    const value: Static<ReturnType<typeof Nullable<typeof Instant>>> = null
    const text: Static<ReturnType<typeof Nullable<typeof Instant>>> = '2026-12-01T00:20:00Z'
    expect([value, text]).toEqual([null, '2026-12-01T00:20:00Z'])
  })

  describe.each(cases)('$name: as Union([T, Null]) did', ({ inner, valid, other }) => {
    let before: FastifyInstance
    let after: FastifyInstance
    beforeAll(async () => {
      before = await appWith(Type.Union([inner(), Type.Null()]))
      after = await appWith(Nullable(inner()))
    })
    afterAll(() => Promise.all([before.close(), after.close()]))

    it('writes null and values alike', async () => {
      for (const x of [null, ...valid]) expect([x, ...(await answers(after, '/write', x))]).toEqual([x, ...(await answers(before, '/write', x))])
      expect(await answers(after, '/write', null)).toEqual([200, { x: null }])
    })

    it('accepts null and values, and refuses the rest with the same 400', async () => {
      expect(await answers(after, '/check', null)).toEqual([200, { x: null }])
      for (const x of [...valid, ...other]) expect([x, ...(await answers(after, '/check', x))]).toEqual([x, ...(await answers(before, '/check', x))])
    })
  })

  it('refuses a wrong type with the Chinese message naming the field and the type', async () => {
    const app = await appWith(Nullable(Type.Integer({ minimum: 1 })))
    expect(await app.inject({ method: 'POST', url: '/check', payload: { x: 'abc' } }).then((r) => r.json())).toEqual({
      code: 'BAD_REQUEST',
      field: 'x',
      message: '字段 x 的类型不正确，应为整数',
    })
    // x-finite reaches a nullable number too
    expect(await app.inject({ method: 'POST', url: '/check', payload: { x: '1e999' } }).then((r) => r.json())).toEqual({
      code: 'BAD_REQUEST',
      field: 'x',
      message: '字段 x 的类型不正确，应为数字',
    })
    await app.close()
    const object = await appWith(Nullable(Type.Object({ lat: Type.Number() })))
    expect(await object.inject({ method: 'POST', url: '/check', payload: { x: 'here' } }).then((r) => r.json())).toEqual({
      code: 'BAD_REQUEST',
      field: 'x',
      message: '字段 x 的类型不正确，应为对象',
    })
    await object.close()
  })

  it('refuses what T refuses instead of taking it as null, and a one-item array instead of its item', async () => {
    const refused = [
      [Instant, '', null, '字段 x 的格式不正确'],
      [Instant, [null], null, '字段 x 的格式不正确'],
      [Id, '', null, '字段 x 不能为空'],
      [Type.Integer({ minimum: 1 }), 0, null, '字段 x 不能小于 1'],
      [Type.Integer({ minimum: 1 }), false, null, '字段 x 不能小于 1'],
      // ajv's coerceTypes: 'array' unwraps [x] for one type, not for [T, 'null']
      [Id, ['abc'], 'abc', '字段 x 的类型不正确，应为文本'],
      [Type.Integer({ minimum: 1 }), [5], 5, '字段 x 的类型不正确，应为整数'],
    ] as const
    for (const [inner, x, was, message] of refused) {
      const old = await appWith(Type.Union([inner, Type.Null()]))
      expect(await answers(old, '/check', x)).toEqual([200, { x: was }])
      await old.close()
      const app = await appWith(Nullable(inner))
      expect(await answers(app, '/check', x)).toEqual([400, { code: 'BAD_REQUEST', field: 'x', message }])
      await app.close()
    }
  })

  it("keeps a null a null where the union made it the first type's empty value", async () => {
    for (const [inner, was] of [
      [Type.String(), ''],
      [Text({ maxLength: 5, allowEmpty: true }), ''],
      [Type.Number(), 0],
    ] as const) {
      const old = await appWith(Type.Union([inner, Type.Null()]))
      expect(await answers(old, '/check', null)).toEqual([200, { x: was }])
      await old.close()
      const app = await appWith(Nullable(inner))
      expect(await answers(app, '/check', null)).toEqual([200, { x: null }])
      await app.close()
    }
  })

  it('writes a value of the right type that breaks a format, pattern, bound or enum, as for a field that is not nullable (the union answered 500)', async () => {
    const app = await appWith(Nullable(StringEnum(['attended', 'no_show'] as const)))
    expect(await answers(app, '/write', 'gone')).toEqual([200, { x: 'gone' }])
    expect(await answers(app, '/write', 5)).toEqual([500, { code: 'INTERNAL', message: '服务器内部错误' }])
    await app.close()
  })
})
