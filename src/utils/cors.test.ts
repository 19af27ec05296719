import { corsOrigins } from './cors';

describe('corsOrigins', () => {
  it('allows no cross-origin caller in production by default, and the local admin in development', () => {
    expect(corsOrigins(undefined, { production: true, port: 1337 })).toEqual([]);
    expect(corsOrigins(' ', { production: true, port: 1337 })).toEqual([]);
    expect(corsOrigins(undefined, { production: false, port: 1337 })).toEqual(['http://localhost:1337', 'http://127.0.0.1:1337']);
  });

  it('reads a comma-separated list as browsers serialize origins', () => {
    expect(corsOrigins('https://News.Example.org, https://www.example.org:443,http://localhost:3000/', { production: true, port: 1337 })).toEqual([
      'https://news.example.org',
      'https://www.example.org',
      'http://localhost:3000',
    ]);
  });

  it.each([
    ['*', /wildcard/],
    ['https://*.example.org', /wildcard/],
    ['news.example.org', /not an origin/],
    ['ftp://news.example.org', /must be http\(s\)/],
    ['https://news.example.org/path', /no path/],
    ['https://user:pw@news.example.org', /no path, query or credentials/],
  ])('refuses %p, naming CORS_ORIGINS', (entry, message) => {
    expect(() => corsOrigins(`https://ok.example.org,${entry}`, { production: true, port: 1337 })).toThrow(message);
    expect(() => corsOrigins(entry, { production: false, port: 1337 })).toThrow(/^CORS_ORIGINS: /);
  });
});
