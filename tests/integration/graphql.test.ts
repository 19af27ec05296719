import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { articleData } from '../helpers/factories';

let app: TestApp;
let fullToken: string;

beforeAll(async () => {
  app = await startApp({ demo: true });
  fullToken = await createApiToken(app.strapi, 'full-access');
  await app.strapi.documents('api::article.article').create({ data: articleData({ title: 'A draft nobody may see' }) });
});
afterAll(() => app?.stop());

const graphql = (query: string, token?: string) => {
  const call = app.http().post('/graphql').set('Content-Type', 'application/json');
  return (token ? call.set('Authorization', `Bearer ${token}`) : call).send({ query });
};

describe('GraphQL', () => {
  it('serves an article with its author and organizations to the public', async () => {
    const response = await graphql(`
      {
        articles(filters: { slug: { eq: "syiit-becomes-a-full-member-of-waitro" } }) {
          title
          date
          slug
          author {
            name
            slug
          }
          mentionedOrganizations(pagination: { limit: 50 }, sort: "name") {
            name
            acronym
            slug
          }
        }
      }
    `);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const [article] = response.body.data.articles;
    expect(article.title).toBe('SYIIT becomes a Full Member of WAITRO');
    expect(article.author).toEqual({ name: 'Jerin Saviour', slug: 'jerin-saviour' });
    expect(article.mentionedOrganizations).toHaveLength(11);
    expect(article.mentionedOrganizations.map((o: { acronym: string | null }) => o.acronym)).toEqual(expect.arrayContaining(['WAITRO', 'SYIIT', 'CAS', 'IMR', 'SIA', 'DICP']));
  });

  it('shows the public published articles only', async () => {
    const response = await graphql('{ articles { title } }');
    expect(response.body.data.articles.map((a: { title: string }) => a.title)).toEqual(['SYIIT becomes a Full Member of WAITRO']);
  });

  it('refuses drafts to the public and serves them to a full-access token', async () => {
    const anonymous = await graphql('{ articles(status: DRAFT) { title } }');
    expect(anonymous.body.data?.articles ?? null).toBeNull();
    expect(anonymous.body.errors[0].message).toMatch(/drafts can only be read with a full-access API token/);

    const full = await graphql('{ articles(status: DRAFT) { title } }', fullToken);
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data.articles.map((a: { title: string }) => a.title)).toContain('A draft nobody may see');
  });

  it('does not expose the private author email', async () => {
    const response = await graphql('{ authors { name email } }');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/Cannot query field \\"email\\"/);
  });

  it('lists the articles that mention an organization', async () => {
    const response = await graphql(`
      {
        organizations(filters: { acronym: { eq: "WAITRO" } }) {
          name
          mentionedIn {
            title
          }
        }
      }
    `);
    expect(response.body.data.organizations[0].mentionedIn).toEqual([{ title: 'SYIIT becomes a Full Member of WAITRO' }]);
  });
});
