import * as React from 'react';
import { isFetchError, useFetchClient } from '@strapi/strapi/admin';
import type {
  CreateEndpoint,
  DeleteEndpoint,
  GetDelivery,
  ListDeliveries,
  ListEndpoints,
  ReplayDelivery,
  RotateSecret,
  SendTestEvent,
  UpdateEndpoint,
} from '../../../shared/contracts';

/** The plugin's admin API, typed by the shared contracts. */
export const useNewsletterApi = () => {
  const { get, post, put, del } = useFetchClient();
  return React.useMemo(
    () => ({
      listEndpoints: async () => (await get<ListEndpoints.Response>('/newsletter/endpoints')).data.data,
      createEndpoint: async (body: CreateEndpoint.Request['body']) => (await post<CreateEndpoint.Response>('/newsletter/endpoints', body)).data.data,
      updateEndpoint: async (id: number, body: UpdateEndpoint.Request['body']) => (await put<UpdateEndpoint.Response>(`/newsletter/endpoints/${id}`, body)).data.data,
      deleteEndpoint: async (id: number) => (await del<DeleteEndpoint.Response>(`/newsletter/endpoints/${id}`)).data.data,
      rotateSecret: async (id: number) => (await post<RotateSecret.Response>(`/newsletter/endpoints/${id}/rotate-secret`)).data.data,
      sendTest: async (id: number) => (await post<SendTestEvent.Response>(`/newsletter/endpoints/${id}/test`)).data.data,
      listDeliveries: async (query: ListDeliveries.Query) => (await get<ListDeliveries.Response>('/newsletter/deliveries', { params: query })).data,
      getDelivery: async (id: number) => (await get<GetDelivery.Response>(`/newsletter/deliveries/${id}`)).data.data,
      replay: async (id: number) => (await post<ReplayDelivery.Response>(`/newsletter/deliveries/${id}/replay`)).data.data,
    }),
    [get, post, put, del]
  );
};

/** The server's message ("url: must be an http(s) URL"), or the error's own. */
export const errorMessage = (error: unknown): string => {
  if (isFetchError(error)) return error.response?.data.error.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
};

/** Field → problem, from a 400's details.errors. */
export const fieldErrors = (error: unknown): Record<string, string> => {
  if (!isFetchError(error)) return {};
  const details = error.response?.data.error.details as { errors?: { path?: string[]; message?: string }[] } | undefined;
  return Object.fromEntries((details?.errors ?? []).flatMap((problem) => (problem.path?.[0] && problem.message ? [[problem.path[0], problem.message]] : [])));
};
