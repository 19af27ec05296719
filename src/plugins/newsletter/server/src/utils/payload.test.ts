import { articleEventData, articleRow, buildPayload, contentHash, fillTemplate, type ArticleRow } from './payload';

const urls = { siteUrl: 'https://news.example.org', articleUrlTemplate: '{siteUrl}/{locale}/articles/{slug}', organizationUrlTemplate: '{siteUrl}/organizations/{slug}' };

const row: ArticleRow = {
  id: 7,
  documentId: 'doc1',
  locale: 'en',
  title: 'SIIT joins WAITRO',
  slug: 'siit-joins-waitro',
  excerpt: 'Full Member.',
  date: '2023-09-13',
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Body' }] }],
  sectors: [
    { slug: 'new-energy', name: 'New energy', nameZh: '新能源' },
    { slug: 'robotics', name: 'Robotics', nameZh: null },
  ],
  cover: null,
  author: { documentId: 'a1', name: 'Li Wei', slug: 'li-wei' },
  mentionedOrganizations: [
    {
      documentId: 'o1',
      name: 'World Association of Industrial and Technological Research Organizations',
      acronym: 'WAITRO',
      slug: 'waitro',
      rorId: '03vek6s52',
      wikidataId: 'Q42',
    },
    { documentId: 'o2', name: 'Shenyang Institute of Industrial Technology', acronym: null, slug: null },
  ],
};

describe('payload', () => {
  it('builds the article data with links from the templates', () => {
    expect(articleEventData(row, urls)).toEqual({
      documentId: 'doc1',
      title: 'SIIT joins WAITRO',
      slug: 'siit-joins-waitro',
      excerpt: 'Full Member.',
      date: '2023-09-13',
      url: 'https://news.example.org/en/articles/siit-joins-waitro',
      author: { name: 'Li Wei', slug: 'li-wei' },
      organizations: [
        {
          name: 'World Association of Industrial and Technological Research Organizations',
          acronym: 'WAITRO',
          slug: 'waitro',
          url: 'https://news.example.org/organizations/waitro',
          rorId: '03vek6s52',
          wikidataId: 'Q42',
        },
        { name: 'Shenyang Institute of Industrial Technology', acronym: null, slug: null, url: null, rorId: null, wikidataId: null },
      ],
      sectors: [
        { slug: 'new-energy', name: 'New energy', nameZh: '新能源' },
        { slug: 'robotics', name: 'Robotics', nameZh: null },
      ],
      locale: 'en',
    });
  });

  it('has no author, organizations or sectors when there are none', () => {
    expect(articleEventData({ ...row, author: null, mentionedOrganizations: null, sectors: null }, urls)).toMatchObject({ author: null, organizations: [], sectors: [] });
  });

  it('wraps data in { type, timestamp, data }', () => {
    expect(buildPayload('article.published', new Date('2024-05-01T00:00:00Z'), { a: 1 })).toEqual({
      type: 'article.published',
      timestamp: '2024-05-01T00:00:00.000Z',
      data: { a: 1 },
    });
  });

  it('fills templates, encoding values but not the site URL', () => {
    expect(fillTemplate('{siteUrl}/{locale}/a/{slug}?id={documentId}', { siteUrl: 'https://x.org/news', locale: 'zh-Hans', slug: 'a b', documentId: 'd' })).toBe(
      'https://x.org/news/zh-Hans/a/a%20b?id=d'
    );
    expect(fillTemplate('{siteUrl}/{slug}', { siteUrl: 'https://x.org', slug: null })).toBeNull();
  });

  it('fingerprints content: the same for the same content in any relation order, different after a change', () => {
    const same = contentHash({ ...row, mentionedOrganizations: [...row.mentionedOrganizations!].reverse() });
    expect(same).toBe(contentHash(row));
    expect(contentHash({ ...row, id: 99 })).toBe(contentHash(row));
    expect(contentHash({ ...row, body: [] })).not.toBe(contentHash(row));
    expect(contentHash({ ...row, title: 'Other' })).not.toBe(contentHash(row));
    expect(contentHash({ ...row, author: null })).not.toBe(contentHash(row));
    expect(contentHash({ ...row, sectors: [...row.sectors!].reverse() })).toBe(contentHash(row));
    expect(contentHash({ ...row, sectors: row.sectors!.slice(1) })).not.toBe(contentHash(row));
    expect(contentHash({ ...row, sectors: [{ ...row.sectors![0], nameZh: '新能源产业' }, row.sectors![1]] })).not.toBe(contentHash(row));
  });
});

describe('payload at its edges', () => {
  it('keeps a placeholder it has no value for, encodes every value but the site URL, and makes no link without a slug', () => {
    expect(fillTemplate('{siteUrl}/{kind}/{slug}', { siteUrl: 'https://x.org/a b', slug: 'a/b?c' })).toBe('https://x.org/a b/{kind}/a%2Fb%3Fc');
    expect(fillTemplate('{siteUrl}/{slug}', { siteUrl: 'https://x.org', slug: '' })).toBeNull();
    expect(fillTemplate('{siteUrl}/{slug}', { siteUrl: 'https://x.org' })).toBeNull();
  });

  it('reads a row with anything else the query returns kept, and refuses a row of the wrong shape', () => {
    const parsed = articleRow.parse({ ...row, publishedAt: '2024-05-01', cover: { id: 3, url: '/x.png' } });
    expect(parsed).toMatchObject({ publishedAt: '2024-05-01', cover: { id: 3, url: '/x.png' } });
    expect(articleRow.safeParse({ ...row, id: '7' }).success).toBe(false);
    expect(articleRow.safeParse({ ...row, mentionedOrganizations: [{ documentId: 'o1', name: 'X', acronym: null, slug: null, rorId: 5 }] }).success).toBe(false);
  });

  it('gives null for every absent value of the event data', () => {
    const bare: ArticleRow = {
      ...row,
      slug: null,
      excerpt: null,
      date: null,
      locale: null,
      author: { documentId: 'a1', name: 'Li Wei', slug: null },
      sectors: [{ slug: null, name: 'Robotics', nameZh: null }],
    };
    expect(articleEventData(bare, urls)).toMatchObject({
      slug: null,
      excerpt: null,
      date: null,
      url: null,
      locale: null,
      author: { name: 'Li Wei', slug: null },
      sectors: [{ slug: null, name: 'Robotics', nameZh: null }],
    });
  });

  it('keeps the fingerprint of a stored version across releases (a republish after an upgrade announces nothing)', () => {
    expect(contentHash(row)).toBe('8c7e0d2237ef1098e059487d2e1d65804a26e80b6eeb356701822023c1e06a32');
  });

  it('fingerprints content, not the way it is written: key order and absent keys do not count, every field does', () => {
    const body = [{ type: 'paragraph', children: [{ type: 'text', text: 'Body', bold: undefined }] }];
    const reordered = [{ children: [{ text: 'Body', type: 'text' }], type: 'paragraph' }];
    expect(contentHash({ ...row, body: reordered })).toBe(contentHash({ ...row, body }));
    expect(contentHash({ ...row, body: [...body, ...body] })).not.toBe(contentHash({ ...row, body }));
    const organizations = [
      { documentId: 'b', name: 'B', acronym: null, slug: 'b' },
      { documentId: 'a', name: 'A', acronym: 'AA', slug: 'a' },
      { documentId: 'c', name: 'C', acronym: null, slug: null },
    ];
    const base = contentHash({ ...row, mentionedOrganizations: organizations });
    for (const order of [
      [0, 2, 1],
      [1, 0, 2],
      [2, 1, 0],
      [1, 2, 0],
    ]) {
      expect(contentHash({ ...row, mentionedOrganizations: order.map((index) => organizations[index]) })).toBe(base);
    }
    const sectors = [
      { slug: 'c', name: 'C', nameZh: null },
      { slug: 'a', name: 'A', nameZh: null },
      { slug: 'b', name: 'B', nameZh: '乙' },
    ];
    const sectorBase = contentHash({ ...row, sectors });
    for (const order of [
      [0, 2, 1],
      [1, 0, 2],
      [2, 1, 0],
    ])
      expect(contentHash({ ...row, sectors: order.map((index) => sectors[index]) })).toBe(sectorBase);
    const changed: ArticleRow[] = [
      { ...row, slug: 'other' },
      { ...row, excerpt: null },
      { ...row, date: '2023-09-14' },
      { ...row, cover: { id: 1 } },
      { ...row, author: { ...row.author!, slug: null } },
      { ...row, author: { ...row.author!, documentId: 'a2' } },
      { ...row, mentionedOrganizations: [{ ...row.mentionedOrganizations![0], acronym: null }, row.mentionedOrganizations![1]] },
      { ...row, mentionedOrganizations: [{ ...row.mentionedOrganizations![0], slug: 'w' }, row.mentionedOrganizations![1]] },
      { ...row, mentionedOrganizations: null },
      { ...row, sectors: [{ ...row.sectors![0], slug: 'energy' }, row.sectors![1]] },
      { ...row, sectors: [{ ...row.sectors![0], name: 'Energy' }, row.sectors![1]] },
    ];
    const hashes = new Set([contentHash(row), ...changed.map(contentHash)]);
    expect(hashes.size).toBe(changed.length + 1);
    expect(contentHash(row)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('fingerprints, in any order', () => {
  const permutations = <T>(items: T[]): T[][] =>
    items.length <= 1 ? [items] : items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));

  it('are the same for an object whatever the order of its keys', () => {
    const entries: [string, unknown][] = [
      ['type', 'paragraph'],
      ['children', []],
      ['align', 'left'],
      ['level', 2],
    ];
    const hashes = new Set(permutations(entries).map((order) => contentHash({ ...row, body: [Object.fromEntries(order)] })));
    expect(hashes.size).toBe(1);
  });

  it('are the same for relation rows that share a first value, whatever their order', () => {
    const sectors = [
      { slug: null, name: 'Robotics', nameZh: null },
      { slug: null, name: 'Energy', nameZh: '能源' },
      { slug: 'ai', name: 'AI', nameZh: null },
    ];
    expect(new Set(permutations(sectors).map((order) => contentHash({ ...row, sectors: order }))).size).toBe(1);
    const organizations = [
      { documentId: 'o1', name: 'B', acronym: null, slug: null },
      { documentId: 'o1', name: 'A', acronym: null, slug: null },
    ];
    expect(new Set(permutations(organizations).map((order) => contentHash({ ...row, mentionedOrganizations: order }))).size).toBe(1);
  });
});
