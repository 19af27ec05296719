import fc from 'fast-check';

/**
 * Random article payloads for fuzzing the REST API: valid and hostile values mixed (wrong
 * types, lone surrogates, script links, impossible dates, operator-looking keys), so that the
 * server's answer to each must be a 201 or a 4xx with a message.
 */

/**
 * Any text a JSON body can carry: every code point of Unicode (astral, combining marks, format
 * and right-to-left characters), mostly valid; now and then a lone surrogate or a NUL, which
 * must be refused naming the field.
 */
const hostileUnit = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 30 },
  { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)), weight: 1 },
  { arbitrary: fc.constant('\u0000'), weight: 1 }
);
export const anyText = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: hostileUnit, maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 }
);

const scalar = fc.oneof(
  anyText,
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('WAITRO', 'javascript:x', '2024-02-30', '2024-01-01', '\ud800', 'a\u0000b', 'A*STAR', '{slug}', '$ne', '__proto__')
);

const inline = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.oneof(anyText, fc.constantFrom('WAITRO', 'A*STAR', 'x\ud800')) }),
  fc.record({
    type: fc.constant('link'),
    url: fc.constantFrom('https://x.org', 'javascript:x', '/a', 'data:x'),
    children: fc.array(fc.record({ type: fc.constant('text'), text: anyText }), { maxLength: 2 }),
  }),
  fc.dictionary(anyText, scalar, { maxKeys: 3 })
);

const block = fc.oneof(
  fc.record({ type: fc.constantFrom('paragraph', 'heading', 'quote', 'code', 'list', 'image', 'bogus'), children: fc.array(inline, { maxLength: 3 }) }),
  scalar
);

export const articlePayload = fc.record(
  {
    title: scalar,
    date: scalar,
    excerpt: scalar,
    slug: scalar,
    body: fc.oneof(fc.array(block, { maxLength: 3 }), scalar),
    // A relation to Sector: lists and connect objects of anything (no sector exists in these runs).
    sectors: fc.oneof(fc.array(scalar, { maxLength: 3 }), fc.record({ connect: fc.array(scalar, { maxLength: 2 }) }), scalar),
    autolink: scalar,
    organizationChoices: fc.oneof(fc.array(fc.dictionary(anyText, scalar, { maxKeys: 2 }), { maxLength: 2 }), scalar),
  },
  { requiredKeys: [] }
);

/** What a fuzzed answer may be: a success, or a 4xx whose body names the problem. */
export const answerIsClean = (status: number, body: unknown, success: number): boolean => {
  if (status === success) return true;
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return status >= 400 && status < 500 && typeof message === 'string' && message.length > 0;
};

/**
 * Well-formed article payloads whose text is drawn from all of Unicode: most are stored (and must
 * come back exactly as sent); those with a lone surrogate or a NUL must be refused.
 */
export const unicodeArticlePayload = fc.record(
  {
    title: anyText,
    date: fc.constant('2024-01-01'),
    excerpt: anyText,
    body: fc.array(fc.record({ type: fc.constant('paragraph'), children: fc.array(fc.record({ type: fc.constant('text'), text: anyText }), { minLength: 1, maxLength: 3 }) }), {
      maxLength: 3,
    }),
  },
  { requiredKeys: ['title', 'date'] }
);
