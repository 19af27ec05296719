import * as React from 'react';
import { isFetchError, useFetchClient } from '@strapi/strapi/admin';
import type { DryRun, GetConfig, GetJob, GetSettings, ListJobs, Preview, RetryJob, StartRelink, UpdateSettings } from '../../../shared/contracts';

const ORGANIZATION_UID = 'api::organization.organization';

/** The plugin's admin API, typed by the shared contracts. */
export const useOrgLinkerApi = () => {
  const { get, post, put } = useFetchClient();
  return React.useMemo(
    () => ({
      config: async () => (await get<GetConfig.Response>('/org-linker/config')).data.data,
      preview: async (body: Preview.Request, signal?: AbortSignal) => (await post<Preview.Response>('/org-linker/preview', body, { signal })).data.data,
      settings: async () => (await get<GetSettings.Response>('/org-linker/settings')).data.data,
      updateSettings: async (body: UpdateSettings.Request) => (await put<UpdateSettings.Response>('/org-linker/settings', body)).data.data,
      dryRun: async () => (await post<DryRun.Response>('/org-linker/relink/dry-run')).data.data,
      startRelink: async () => (await post<StartRelink.Response>('/org-linker/relink/run')).data.data,
      jobs: async () => (await get<ListJobs.Response>('/org-linker/relink/jobs')).data.data,
      job: async (id: number) => (await get<GetJob.Response>(`/org-linker/relink/jobs/${id}`)).data.data,
      retryJob: async (id: number) => (await post<RetryJob.Response>(`/org-linker/relink/jobs/${id}/retry`)).data.data,
      /** A draft organization in the directory, through the content manager (so slugs and validation apply). */
      createOrganization: async (body: { name: string; acronym?: string }) =>
        (await post<{ data: { documentId: string } }>(`/content-manager/collection-types/${ORGANIZATION_UID}`, body)).data.data,
    }),
    [get, post, put]
  );
};

export const organizationAdminPath = (documentId: string) => `/content-manager/collection-types/${ORGANIZATION_UID}/${documentId}`;

/** The server's message ("urlTemplate: must contain {slug}"), or the error's own. */
export const errorMessage = (error: unknown): string => {
  if (isFetchError(error)) return error.response?.data?.error?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
};

/** Field → problem, from a 400's details.errors. */
export const fieldErrors = (error: unknown): Record<string, string> => {
  if (!isFetchError(error)) return {};
  const details = error.response?.data?.error?.details as { errors?: { path?: string[]; message?: string }[] } | undefined;
  return Object.fromEntries((details?.errors ?? []).flatMap((problem) => (problem.path?.[0] && problem.message ? [[problem.path[0], problem.message]] : [])));
};
