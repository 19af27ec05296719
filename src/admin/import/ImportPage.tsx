import * as React from 'react';
import { isFetchError, Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Checkbox, Field, Flex, Link, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Play, Search } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { formatOfName } from './format';
import { IMPORT_PERMISSIONS } from './permissions';
import type { DryRunResponse, ImportFormatName, ImportJob, ImportReportView, JobResponse, ListJobsResponse, UploadInfo, UploadResponse } from '../../directory/contracts';

/**
 * Settings → Organization linker → Import directory: upload a ROR dump, a CSV or a JSON
 * file, see what a dry run would do, then run it in the background and follow its progress
 * (src/directory/admin-api.ts). The job keeps running when the page is left; coming back shows it.
 */

/** How often a running import's progress is read. */
const POLL_MS = 1000;
/** Per-record rows shown in the tables (the counts are complete). */
const ROWS_SHOWN = 50;

const errorMessage = (error: unknown): string => {
  if (isFetchError(error)) return (error.response?.data as { error?: { message?: string } } | undefined)?.error?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
};

const useImportApi = () => {
  const { get, post } = useFetchClient();
  return React.useMemo(
    () => ({
      upload: async (file: File, format: ImportFormatName | null): Promise<UploadInfo> => {
        const form = new FormData();
        form.append('file', file);
        if (format) form.append('format', format);
        return (await post<UploadResponse>('/directory-import/uploads', form)).data.data;
      },
      dryRun: async (body: Record<string, unknown>) => (await post<DryRunResponse>('/directory-import/dry-run', body)).data.data,
      start: async (body: Record<string, unknown>) => (await post<JobResponse>('/directory-import/jobs', body)).data.data,
      job: async (id: number) => (await get<JobResponse>(`/directory-import/jobs/${id}`)).data.data,
      jobs: async () => (await get<ListJobsResponse>('/directory-import/jobs?limit=5')).data.data,
    }),
    [get, post]
  );
};

const Progress = ({ percent }: { percent: number }) => (
  <Box background="neutral150" hasRadius height="0.8rem" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
    <Box background="primary600" hasRadius height="100%" style={{ width: `${percent}%`, transition: 'width 0.3s' }} />
  </Box>
);

type Translate = (id: string, defaultMessage: string, values?: Record<string, string | number>) => string;

const Counts = ({ counts, t }: { counts: Pick<ImportReportView, 'created' | 'changed' | 'unchanged' | 'skipped'> & { refused: number }; t: Translate }) => (
  <Flex gap={6} data-testid="directory-import-counts">
    {(
      [
        ['created', t('newsroom.import.count.created', 'Created')],
        ['changed', t('newsroom.import.count.changed', 'Changed')],
        ['unchanged', t('newsroom.import.count.unchanged', 'Unchanged')],
        ['skipped', t('newsroom.import.count.skipped', 'Skipped (inactive)')],
        ['refused', t('newsroom.import.count.refused', 'Refused')],
      ] as const
    ).map(([key, label]) => (
      <Flex key={key} direction="column" alignItems="flex-start" data-testid={`directory-import-count-${key}`}>
        <Typography variant="pi" textColor="neutral600">
          {label}
        </Typography>
        <Typography variant="beta">{counts[key]}</Typography>
      </Flex>
    ))}
  </Flex>
);

const ReportTables = ({ report, t }: { report: ImportReportView; t: Translate }) => {
  const where = report.format === 'csv' ? t('newsroom.import.table.line', 'Line') : t('newsroom.import.table.record', 'Record');
  const actionLabel = (action: string) =>
    action === 'created'
      ? t('newsroom.import.count.created', 'Created')
      : action === 'changed'
        ? t('newsroom.import.count.changed', 'Changed')
        : t('newsroom.import.count.unchanged', 'Unchanged');
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {report.refused.length > 0 ? (
        <>
          <Typography variant="delta">{t('newsroom.import.refused.title', 'Refused ({count})', { count: report.refusedCount })}</Typography>
          <Table colCount={2} rowCount={Math.min(report.refused.length, ROWS_SHOWN) + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{where}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('newsroom.import.table.reason', 'Reason')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {report.refused.slice(0, ROWS_SHOWN).map((refusal) => (
                <Tr key={refusal.position}>
                  <Td>
                    <Typography>{refusal.position}</Typography>
                  </Td>
                  <Td>
                    <Typography>{refusal.reason}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      ) : null}
      {report.actions.length > 0 ? (
        <>
          <Typography variant="delta">{t('newsroom.import.actions.title', 'First records')}</Typography>
          <Table colCount={4} rowCount={Math.min(report.actions.length, ROWS_SHOWN) + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{where}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('newsroom.import.table.name', 'Name')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('newsroom.import.table.action', 'What happens')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('newsroom.import.table.fields', 'Fields')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {report.actions.slice(0, ROWS_SHOWN).map((action) => (
                <Tr key={action.position}>
                  <Td>
                    <Typography>{action.position}</Typography>
                  </Td>
                  <Td>
                    <Typography>{action.name}</Typography>
                  </Td>
                  <Td>
                    <Typography>{actionLabel(action.action)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{action.fields.join(', ') || '–'}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      ) : null}
    </Flex>
  );
};

export const ImportPage = () => {
  const { formatMessage } = useIntl();
  const t: Translate = (id, defaultMessage, values) => formatMessage({ id, defaultMessage }, values);
  const api = useImportApi();
  const { toggleNotification } = useNotification();
  const [file, setFile] = React.useState<File | null>(null);
  const [format, setFormat] = React.useState<ImportFormatName | null>(null);
  const [options, setOptions] = React.useState({ publish: false, strict: false, inactive: false });
  const [upload, setUpload] = React.useState<UploadInfo | null>(null);
  const [plan, setPlan] = React.useState<ImportReportView | null>(null);
  const [busy, setBusy] = React.useState<'dry-run' | 'run' | null>(null);
  const [job, setJob] = React.useState<ImportJob | null>(null);
  /** Remounts the file input (clearing the name it shows) once a run took the file. */
  const [inputKey, setInputKey] = React.useState(0);

  // An import already under way (started earlier, or from another tab) is followed.
  React.useEffect(() => {
    api.jobs().then(
      (jobs) => {
        const open = jobs.find((candidate) => candidate.status === 'pending' || candidate.status === 'running');
        if (open) setJob(open);
      },
      (error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) })
    );
  }, [api, toggleNotification]);

  React.useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') return undefined;
    const timer = setTimeout(() => {
      api.job(job.id).then(setJob, () => undefined);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, job]);

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setFormat(chosen ? formatOfName(chosen.name) : null);
    setUpload(null);
    setPlan(null);
  };

  /** The file uploaded once; a dry run and the run that follows share it. */
  const uploaded = async (): Promise<UploadInfo> => {
    if (upload) return upload;
    if (!file) throw new Error(t('newsroom.import.noFile', 'Choose a file first.'));
    const done = await api.upload(file, format);
    setUpload(done);
    return done;
  };

  const request = async () => ({ upload: (await uploaded()).id, format, publish: options.publish, strict: options.strict, inactive: options.inactive ? 'import' : 'skip' });

  const dryRun = async () => {
    setBusy('dry-run');
    try {
      setPlan(await api.dryRun(await request()));
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const run = async () => {
    setBusy('run');
    try {
      setJob(await api.start(await request()));
      // The upload is the job's now: another run needs the file chosen again.
      setUpload(null);
      setPlan(null);
      setFile(null);
      setFormat(null);
      setInputKey((key) => key + 1);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const running = job !== null && (job.status === 'pending' || job.status === 'running');
  const percent = job?.status === 'done' ? 100 : job?.total ? Math.round((100 * (job.phase === 'importing' || job.phase === 'parents' ? job.cursor : 0)) / job.total) : 0;
  const ready = file !== null && format !== null && !running && busy === null;
  const phaseText = (current: ImportJob) =>
    current.status === 'pending'
      ? t('newsroom.import.phase.pending', 'Waiting to start…')
      : current.phase === 'checking' || current.phase === null
        ? t('newsroom.import.phase.checking', 'Checking the file… {read} records read', { read: current.read })
        : current.phase === 'parents'
          ? t('newsroom.import.phase.parents', 'Linking parents…')
          : t('newsroom.import.phase.importing', 'Importing… {cursor} of {total} records', { cursor: current.cursor, total: current.total ?? '…' });

  return (
    <Page.Main>
      <Page.Title>{t('newsroom.import.title', 'Import directory')}</Page.Title>
      <Layouts.Header
        title={t('newsroom.import.title', 'Import directory')}
        subtitle={t('newsroom.import.subtitle', 'Load organizations from a ROR data dump, a CSV member list or a JSON file. A dry run shows what would happen and writes nothing.')}
        primaryAction={
          <Button startIcon={<Play />} onClick={() => void run()} disabled={!ready} loading={busy === 'run' || running}>
            {t('newsroom.import.run', 'Run')}
          </Button>
        }
        secondaryAction={
          <Button variant="secondary" startIcon={<Search />} onClick={() => void dryRun()} disabled={!ready} loading={busy === 'dry-run'}>
            {t('newsroom.import.dryRun', 'Dry run')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Field.Root name="file" hint={t('newsroom.import.file.hint', 'ROR schema 2.x (.json), CSV with a header row (.csv) or JSON (.json).')}>
                <Field.Label>{t('newsroom.import.file.label', 'File')}</Field.Label>
                <input key={inputKey} type="file" accept=".csv,.json" data-testid="directory-import-file" onChange={(event) => choose(event.target.files?.[0] ?? null)} />
                <Field.Hint />
              </Field.Root>
              <Field.Root name="format">
                <Field.Label>{t('newsroom.import.format.label', 'Format')}</Field.Label>
                <SingleSelect
                  value={format ?? undefined}
                  placeholder={t('newsroom.import.format.placeholder', 'From the file name')}
                  onChange={(value: string | number) => {
                    setFormat(value === 'ror' || value === 'csv' || value === 'json' ? value : null);
                    setPlan(null);
                  }}
                >
                  <SingleSelectOption value="ror">{t('newsroom.import.format.ror', 'ROR data dump')}</SingleSelectOption>
                  <SingleSelectOption value="csv">{t('newsroom.import.format.csv', 'CSV')}</SingleSelectOption>
                  <SingleSelectOption value="json">{t('newsroom.import.format.json', 'JSON (organizations)')}</SingleSelectOption>
                </SingleSelect>
              </Field.Root>
              <Flex gap={6} wrap="wrap">
                <Checkbox checked={options.publish} onCheckedChange={(checked) => setOptions({ ...options, publish: checked === true })}>
                  {t('newsroom.import.option.publish', 'Publish what is created or changed')}
                </Checkbox>
                <Checkbox checked={options.strict} onCheckedChange={(checked) => setOptions({ ...options, strict: checked === true })}>
                  {t('newsroom.import.option.strict', 'Strict: write nothing if any record is refused')}
                </Checkbox>
                <Checkbox checked={options.inactive} onCheckedChange={(checked) => setOptions({ ...options, inactive: checked === true })}>
                  {t('newsroom.import.option.inactive', 'Import inactive and withdrawn ROR records (never linked)')}
                </Checkbox>
              </Flex>
            </Flex>
          </Box>
          {job ? (
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="directory-import-job">
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Typography variant="delta" data-testid="directory-import-job-status">
                  {job.status === 'done'
                    ? t('newsroom.import.done', 'Done: {file}, {total} records', { file: job.fileName, total: job.total ?? 0 })
                    : job.status === 'failed'
                      ? t('newsroom.import.failed', 'The import stopped: {error}', { error: job.error ?? '' })
                      : phaseText(job)}
                </Typography>
                <Progress percent={percent} />
                <Counts counts={job} t={t} />
                {job.resumedFrom !== null ? (
                  <Typography textColor="neutral600">{t('newsroom.import.resumed', 'Resumed after a restart from record {cursor}.', { cursor: job.resumedFrom })}</Typography>
                ) : null}
                {job.relinkJob !== null ? (
                  <Link href="/admin/settings/org-linker-relink" isExternal={false}>
                    {t('newsroom.import.relinkJob', 'Relink job #{id} links the articles that name a new or changed organization', { id: job.relinkJob })}
                  </Link>
                ) : null}
                {job.report ? <ReportTables report={job.report} t={t} /> : null}
              </Flex>
            </Box>
          ) : null}
          {plan ? (
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="directory-import-plan">
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography variant="delta">{t('newsroom.import.plan', 'A run now would do this with the {records} records of the file:', { records: plan.records })}</Typography>
                <Counts counts={{ ...plan, refused: plan.refusedCount }} t={t} />
                {plan.sectorsCreated.length > 0 ? <Typography>{t('newsroom.import.sectors', 'New sectors: {names}', { names: plan.sectorsCreated.join(', ') })}</Typography> : null}
                <ReportTables report={plan} t={t} />
              </Flex>
            </Box>
          ) : job ? null : (
            <Typography textColor="neutral600">
              {t('newsroom.import.hint', 'Choose a file, then start with a dry run: it shows what would change, and changes nothing.')}
            </Typography>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

/** Only with the Content Manager's create and update on organizations (the server checks publish and conditions). */
export const ProtectedImportPage = () => (
  <Page.Protect permissions={IMPORT_PERMISSIONS}>
    <ImportPage />
  </Page.Protect>
);

export default ProtectedImportPage;
