import { articleEventData, buildPayload, contentHash, fillTemplate, type ArticleRow } from './payload';

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
