import type { Core } from '@strapi/strapi';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { literalArgumentsRule, queryCostRule, variablesLimitPlugin } from '../src/utils/graphql-limits';
import { queryLimitsFromEnv } from '../src/utils/query-limits';
import { positiveIntSetting } from '../src/utils/settings';
import { secret } from '../src/utils/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: secret('JWT_SECRET'),
      jwtManagement: 'refresh',
      sessions: {
        httpOnly: true,
      },
    },
  },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // Off in production unless GRAPHQL_LANDING_PAGE=true (a plugin that also disables Apollo's own production page).
      landingPage: env.bool('GRAPHQL_LANDING_PAGE', env('NODE_ENV') !== 'production') ? true : () => ApolloServerPluginLandingPageDisabled(),
      depthLimit: positiveIntSetting(process.env, 'GRAPHQL_DEPTH_LIMIT', 10),
      defaultLimit: 25,
      maxLimit: 100,
      apolloServer: {
        introspection: env.bool('GRAPHQL_INTROSPECTION', env('NODE_ENV') !== 'production'),
        // Also makes Apollo run the rules below (and the plugin's depth limit) only once graphql's own
        // rules passed: a fragment cycle is then refused by NoFragmentCycles, not a stack overflow (500).
        maxRecursiveSelections: positiveIntSetting(process.env, 'GRAPHQL_MAX_SELECTIONS', 1000),
        // A document past this many tokens is refused while parsing, before any other work.
        parseOptions: { maxTokens: positiveIntSetting(process.env, 'GRAPHQL_MAX_TOKENS', 10000) },
        // Appended to the plugin's own rules (src/utils/graphql-limits.ts; limits in README "Public API limits").
        validationRules: [
          literalArgumentsRule(queryLimitsFromEnv()),
          queryCostRule({ maxCost: positiveIntSetting(process.env, 'GRAPHQL_MAX_COST', 10000), defaultLimit: 25, maxLimit: 100 }),
        ],
        // The app's strapi::cors (CORS_ORIGINS) answers for /graphql too; the plugin's own would allow any origin.
        cors: false,
        plugins: [variablesLimitPlugin(queryLimitsFromEnv())],
      },
    },
  },
  // Links the organizations an article names to the directory (src/plugins/org-linker).
  // These are the defaults; admins override them under Settings → Organization linker.
  'org-linker': {
    // ORG_LINKER_ENABLED=false runs the app without it (benchmarks measure the difference).
    enabled: env.bool('ORG_LINKER_ENABLED', true),
    resolve: './src/plugins/org-linker',
    config: {
      mode: 'first',
      maxLinks: null,
      linkInHeadings: false,
      urlTemplate: env('ORG_LINKER_URL_TEMPLATE', '/organizations/{slug}'),
      contentTypes: [{ uid: 'api::article.article', fields: ['body'] }],
    },
  },
  // Signed, retried, durable webhooks for published articles (src/plugins/newsletter).
  // Unset variables fall back to the plugin's defaults; durations take 250ms, 5s, 5m, 2h, 1d.
  newsletter: {
    enabled: true,
    resolve: './src/plugins/newsletter',
    config: {
      siteUrl: env('PUBLIC_URL', '') || undefined,
      articleUrlTemplate: env('NEWSLETTER_ARTICLE_URL'),
      organizationUrlTemplate: env('NEWSLETTER_ORGANIZATION_URL'),
      retrySchedule: env('NEWSLETTER_RETRY_SCHEDULE'),
      timeoutMs: env('NEWSLETTER_TIMEOUT'),
      pollIntervalMs: env('NEWSLETTER_POLL_INTERVAL'),
      leaseMs: env('NEWSLETTER_LEASE'),
      secretOverlapMs: env('NEWSLETTER_SECRET_OVERLAP'),
      allowedPrivateTargets: env('NEWSLETTER_ALLOW_PRIVATE'),
      maxConcurrency: env('NEWSLETTER_MAX_CONCURRENCY'),
      maxConcurrencyPerEndpoint: env('NEWSLETTER_MAX_CONCURRENCY_PER_ENDPOINT'),
      workerEnabled: env('NEWSLETTER_WORKER'),
    },
  },
  upload: {
    config: {
      sizeLimit: 10 * 1024 * 1024,
      security: {
        allowedTypes: ['image/*', 'application/pdf'],
        deniedTypes: ['image/svg+xml'],
      },
    },
  },
});

export default config;
