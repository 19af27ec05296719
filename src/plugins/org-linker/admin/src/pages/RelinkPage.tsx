import * as React from 'react';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, Play, Search } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { ACTIONS, type ArticleChange, type ChangeTotals, type DryRun, type Job } from '../../../shared/contracts';
import { errorMessage, useOrgLinkerApi } from '../utils/api';
import { getTranslation } from '../utils/getTranslation';

/** How often the progress of a running relink is read. */
export const POLL_MS = 1000;

const Totals = ({ totals }: { totals: ChangeTotals }) => {
  const { formatMessage } = useIntl();
  return (
    <Flex gap={6} data-testid="org-linker-totals">
      {(
        [
          ['articles', formatMessage({ id: getTranslation('relink.totals.articles'), defaultMessage: 'Article versions affected' })],
          ['added', formatMessage({ id: getTranslation('relink.totals.added'), defaultMessage: 'Links to add' })],
          ['updated', formatMessage({ id: getTranslation('relink.totals.updated'), defaultMessage: 'Links to update' })],
          ['removed', formatMessage({ id: getTranslation('relink.totals.removed'), defaultMessage: 'Links to remove' })],
        ] as const
      ).map(([key, label]) => (
        <Flex key={key} direction="column" alignItems="flex-start">
          <Typography variant="pi" textColor="neutral600">
            {label}
          </Typography>
          <Typography variant="beta">{totals[key]}</Typography>
        </Flex>
      ))}
    </Flex>
  );
};

const ChangesTable = ({ articles }: { articles: ArticleChange[] }) => {
  const { formatMessage } = useIntl();
  const names = (changes: ArticleChange['added']) => changes.map((change) => change.text).join(', ') || '–';
  return (
    <Table colCount={5} rowCount={articles.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{formatMessage({ id: getTranslation('relink.table.article'), defaultMessage: 'Article' })}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{formatMessage({ id: getTranslation('relink.table.version'), defaultMessage: 'Version' })}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{formatMessage({ id: getTranslation('relink.totals.added'), defaultMessage: 'Links to add' })}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{formatMessage({ id: getTranslation('relink.totals.updated'), defaultMessage: 'Links to update' })}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{formatMessage({ id: getTranslation('relink.totals.removed'), defaultMessage: 'Links to remove' })}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {articles.map((article) => (
          <Tr key={`${article.contentType}/${article.documentId}/${article.locale}/${article.status}`}>
            <Td>
              <Typography>{article.title ?? article.documentId}</Typography>
            </Td>
            <Td>
              <Typography>
                {article.status === 'published'
                  ? formatMessage({ id: getTranslation('relink.published'), defaultMessage: 'Published' })
                  : formatMessage({ id: getTranslation('relink.draft'), defaultMessage: 'Draft' })}
                {article.locale ? ` · ${article.locale}` : ''}
              </Typography>
            </Td>
            <Td>
              <Typography>{names(article.added)}</Typography>
            </Td>
            <Td>
              <Typography>{names(article.updated)}</Typography>
            </Td>
            <Td>
              <Typography>{names(article.removed)}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

const Progress = ({ percent }: { percent: number }) => (
  <Box background="neutral150" hasRadius height="0.8rem" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
    <Box background="primary600" hasRadius height="100%" style={{ width: `${percent}%`, transition: 'width 0.3s' }} />
  </Box>
);

/** Follows a relink job until it is done, reading its progress every POLL_MS. */
const useJob = (initial: Job | null) => {
  const api = useOrgLinkerApi();
  // The progress read, with the job it was started from: another started job shows as given
  // until its own progress arrives (and a late answer about an earlier job is ignored).
  const [progress, setProgress] = React.useState<{ of: Job | null; job: Job | null }>({ of: initial, job: initial });
  const job = progress.of === initial ? progress.job : initial;
  React.useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') return undefined;
    const timer = setTimeout(() => {
      api.job(job.id).then(
        (next) => setProgress({ of: initial, job: next }),
        () => undefined
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, job, initial]);
  return job;
};

/**
 * Relinks that failed for good (after their automatic retries), with the reason and a Retry
 * action: a directory change whose relink failed is never left silently undone.
 */
const FailedJobs = ({ jobs, onRetry, canRetry }: { jobs: Job[]; onRetry: (job: Job) => void; canRetry: boolean }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  if (jobs.length === 0) return null;
  return (
    <Box background="danger100" padding={6} hasRadius data-testid="org-linker-failed-jobs">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta">{t('relink.failedJobs.title', 'Relinks that failed')}</Typography>
        {jobs.map((job) => (
          <Flex key={job.id} justifyContent="space-between" gap={4}>
            <Typography>
              {job.kind === 'organization-change'
                ? t('relink.failedJobs.organization', 'Directory change #{id} ({processed} of {total} versions done): {error}', {
                    id: job.id,
                    processed: job.processed,
                    total: job.total ?? '…',
                    error: job.error ?? '',
                  })
                : t('relink.failedJobs.all', 'Full relink #{id} ({processed} of {total} versions done): {error}', {
                    id: job.id,
                    processed: job.processed,
                    total: job.total ?? '…',
                    error: job.error ?? '',
                  })}
            </Typography>
            <Button variant="danger-light" startIcon={<ArrowClockwise />} onClick={() => onRetry(job)} disabled={!canRetry}>
              {t('relink.failedJobs.retry', 'Retry')}
            </Button>
          </Flex>
        ))}
      </Flex>
    </Box>
  );
};

export const RelinkPage = () => {
  const { formatMessage } = useIntl();
  const api = useOrgLinkerApi();
  const { toggleNotification } = useNotification();
  const [plan, setPlan] = React.useState<DryRun.Response['data'] | null>(null);
  const [planning, setPlanning] = React.useState(false);
  const [started, setStarted] = React.useState<Job | null>(null);
  const job = useJob(started);
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);

  const dryRun = async () => {
    setPlanning(true);
    try {
      setPlan(await api.dryRun());
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setPlanning(false);
    }
  };

  const run = async () => {
    try {
      setStarted(await api.startRelink());
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  const [failed, setFailed] = React.useState<Job[]>([]);
  const loadFailed = React.useCallback(
    () =>
      api.jobs().then(
        (jobs) => setFailed(jobs.filter((candidate) => candidate.status === 'failed')),
        (error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) })
      ),
    [api, toggleNotification]
  );
  React.useEffect(() => {
    void loadFailed();
  }, [loadFailed, job?.status]);

  const retry = async (failedJob: Job) => {
    try {
      setStarted(await api.retryJob(failedJob.id));
      await loadFailed();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  const running = job !== null && (job.status === 'pending' || job.status === 'running');
  const percent = job?.total ? Math.round((100 * job.processed) / job.total) : job?.status === 'done' ? 100 : 0;

  return (
    <Page.Main>
      <Page.Title>{t('relink.title', 'Relink articles')}</Page.Title>
      <Layouts.Header
        title={t('relink.title', 'Relink articles')}
        subtitle={t('relink.subtitle', 'Bring every article in line with the directory and the settings. Check first what would change.')}
        primaryAction={
          <Button startIcon={<Play />} onClick={() => void run()} disabled={running || plan === null} loading={running}>
            {t('relink.run', 'Run')}
          </Button>
        }
        secondaryAction={
          <Button variant="secondary" startIcon={<Search />} onClick={() => void dryRun()} loading={planning} disabled={running}>
            {t('relink.dryRun', 'Dry run')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <FailedJobs jobs={failed} onRetry={(job) => void retry(job)} canRetry={!running} />
          {job ? (
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="org-linker-job">
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Typography variant="delta">
                  {job.status === 'done'
                    ? t('relink.done', 'Done: {changed} of {processed} versions changed', { changed: job.changed, processed: job.processed })
                    : job.status === 'failed'
                      ? t('relink.failed', 'The relink stopped: {error}', { error: job.error ?? '' })
                      : t('relink.progress', 'Relinking… {processed} of {total}', { processed: job.processed, total: job.total ?? '…' })}
                </Typography>
                <Progress percent={percent} />
                <Totals totals={job.totals} />
              </Flex>
            </Box>
          ) : null}
          {plan ? (
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="org-linker-plan">
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography variant="delta">
                  {t('relink.plan', 'A relink now would change {count} of the {scanned} article versions:', { count: plan.totals.articles, scanned: plan.scanned })}
                </Typography>
                <Totals totals={plan.totals} />
                {plan.articles.length > 0 ? <ChangesTable articles={plan.articles} /> : <Typography>{t('relink.nothing', 'Everything is up to date.')}</Typography>}
              </Flex>
            </Box>
          ) : (
            <Typography textColor="neutral600">{t('relink.hint', 'Start with a dry run: it shows what would change, and changes nothing.')}</Typography>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

/** Only with the plugin's relink permission. */
export const ProtectedRelinkPage = () => (
  <Page.Protect permissions={[{ action: ACTIONS.relink, subject: null }]}>
    <RelinkPage />
  </Page.Protect>
);

export default ProtectedRelinkPage;
