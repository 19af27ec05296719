import config from '.';
import { configSchema } from './schema';

describe('plugin config', () => {
  it('has working defaults', () => {
    expect(configSchema.parse({})).toEqual({
      siteUrl: 'http://localhost:1337',
      articleUrlTemplate: '{siteUrl}/{locale}/articles/{slug}',
      organizationUrlTemplate: '{siteUrl}/organizations/{slug}',
      retrySchedule: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
      timeoutMs: 15_000,
      pollIntervalMs: 1_000,
      leaseMs: 60_000,
      secretOverlapMs: 86_400_000,
      allowedPrivateTargets: [],
      maxConcurrency: 20,
      maxConcurrencyPerEndpoint: 4,
      workerEnabled: true,
    });
  });

  it('reads the env-style strings config/plugins.ts passes', () => {
    expect(
      configSchema.parse({
        siteUrl: 'https://news.example.org/',
        retrySchedule: '300ms, 1s,2m',
        timeoutMs: '1s',
        leaseMs: '5000',
        allowedPrivateTargets: '127.0.0.1, 10.0.0.0/8',
        maxConcurrency: '5',
        workerEnabled: 'false',
        pollIntervalMs: undefined,
      })
    ).toMatchObject({
      siteUrl: 'https://news.example.org',
      retrySchedule: [300, 1_000, 120_000],
      timeoutMs: 1_000,
      leaseMs: 5_000,
      pollIntervalMs: 1_000,
      allowedPrivateTargets: ['127.0.0.1', '10.0.0.0/8'],
      maxConcurrency: 5,
      workerEnabled: false,
    });
  });

  it('refuses bad settings at startup, naming them', () => {
    expect(() => config.validator({ retrySchedule: '5s,soon' })).toThrow('retrySchedule: "soon" is not a duration (retrySchedule; e.g. 250ms, 5s, 5m, 2h, 1d)');
    expect(() => config.validator({ allowedPrivateTargets: 'localhost' })).toThrow('allowedPrivateTargets: "localhost" is not an IP address or CIDR range');
    expect(() => config.validator({ timeoutMs: '20s', leaseMs: '10s' })).toThrow(/^leaseMs: leaseMs must exceed timeoutMs/);
    expect(() => config.validator({ articleUrlTemplate: '{siteUrl}/a' })).toThrow('articleUrlTemplate: must contain {slug}');
    expect(() => config.validator({ retries: 3 })).toThrow('retries: is not a known field');
  });
});
