import * as React from 'react';
import { Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router-dom';
import { DELIVERY_STATUSES, PERMISSIONS, type DeliveryStatus, type DeliverySummary, type Endpoint, type Pagination } from '../../../shared/contracts';
import { DeliveryModal } from '../components/DeliveryModal';
import { PluginNav } from '../components/PluginNav';
import { StatusBadge, statusLabel } from '../components/StatusBadge';
import { useNewsletterApi } from '../utils/api';
import { formatDateTime } from '../utils/format';
import { getTranslation } from '../utils/getTranslation';

const PAGE_SIZE = 20;
const ALL = 'all';

const isStatus = (value: string | null): value is DeliveryStatus => DELIVERY_STATUSES.some((status) => status === value);

export const DeliveriesPage = () => {
  const { formatMessage, locale } = useIntl();
  const api = useNewsletterApi();
  const {
    allowedActions: { canManage },
  } = useRBAC([{ action: PERMISSIONS.manage, subject: null }]);
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const endpointId = Number(params.get('endpointId')) || undefined;
  const page = Number(params.get('page')) || 1;

  const [deliveries, setDeliveries] = React.useState<DeliverySummary[] | null>(null);
  const [pagination, setPagination] = React.useState<Pagination | null>(null);
  const [endpoints, setEndpoints] = React.useState<Endpoint[]>([]);
  const [loadError, setLoadError] = React.useState(false);
  const [openId, setOpenId] = React.useState<number | null>(null);
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);

  const load = React.useCallback(
    () =>
      api.listDeliveries({ status, endpointId, page, pageSize: PAGE_SIZE }).then(
        (result) => {
          setDeliveries(result.data);
          setPagination(result.pagination);
          setLoadError(false);
        },
        () => setLoadError(true)
      ),
    [api, status, endpointId, page]
  );

  React.useEffect(() => {
    void load();
  }, [load]);

  React.useEffect(() => {
    api.listEndpoints().then(setEndpoints, () => setEndpoints([]));
  }, [api]);

  // Deliveries move on their own: refresh while any is on its way.
  React.useEffect(() => {
    if (!deliveries?.some((delivery) => delivery.status === 'pending' || delivery.status === 'delivering')) return;
    const timer = setInterval(() => void load(), 5_000);
    return () => clearInterval(timer);
  }, [deliveries, load]);

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };

  const goTo = (target: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(target));
    setParams(next);
  };

  if (loadError) return <Page.Error />;
  if (deliveries === null || pagination === null) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{t('deliveries.title', 'Delivery log')}</Page.Title>
      <Layouts.Header
        title={t('deliveries.title', 'Delivery log')}
        subtitle={t('deliveries.subtitle', '{total} deliveries; failed ones can be replayed', { total: pagination.total })}
        secondaryAction={<PluginNav />}
      />
      <Layouts.Content>
        <Flex gap={4} paddingBottom={4} alignItems="flex-end">
          <Box minWidth="20rem">
            <SingleSelect
              aria-label={t('deliveries.filter.status', 'Status')}
              value={status ?? ALL}
              onChange={(value) => setFilter('status', value === ALL ? undefined : String(value))}
            >
              <SingleSelectOption value={ALL}>{t('deliveries.filter.allStatuses', 'All statuses')}</SingleSelectOption>
              {DELIVERY_STATUSES.map((option) => (
                <SingleSelectOption key={option} value={option}>
                  {formatMessage({ id: getTranslation(`status.${option}`), defaultMessage: statusLabel[option] })}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          <Box minWidth="24rem">
            <SingleSelect
              aria-label={t('deliveries.filter.endpoint', 'Endpoint')}
              value={endpointId ? String(endpointId) : ALL}
              onChange={(value) => setFilter('endpointId', value === ALL ? undefined : String(value))}
            >
              <SingleSelectOption value={ALL}>{t('deliveries.filter.allEndpoints', 'All endpoints')}</SingleSelectOption>
              {endpoints.map((endpoint) => (
                <SingleSelectOption key={endpoint.id} value={String(endpoint.id)}>
                  {endpoint.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => void load()}>
            {t('action.refresh', 'Refresh')}
          </Button>
        </Flex>

        {deliveries.length === 0 ? (
          <Box background="neutral0" padding={8} hasRadius shadow="tableShadow">
            <Typography textColor="neutral600">{t('deliveries.empty', 'No delivery matches.')}</Typography>
          </Box>
        ) : (
          <Table colCount={8} rowCount={deliveries.length + 1}>
            <Thead>
              <Tr>
                {[
                  t('deliveries.column.event', 'Event'),
                  t('deliveries.column.article', 'Article'),
                  t('deliveries.column.endpoint', 'Endpoint'),
                  t('deliveries.column.status', 'Status'),
                  t('deliveries.column.attempts', 'Attempts'),
                  t('deliveries.column.lastCode', 'Last response'),
                  t('deliveries.column.lastAttempt', 'Last attempt'),
                  t('deliveries.column.nextAttempt', 'Next attempt'),
                ].map((label) => (
                  <Th key={label}>
                    <Typography variant="sigma">{label}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {deliveries.map((delivery) => (
                <Tr key={delivery.id} onClick={() => setOpenId(delivery.id)} style={{ cursor: 'pointer' }}>
                  <Td>
                    <Typography>{delivery.eventType}</Typography>
                  </Td>
                  <Td>
                    <Typography variant="omega">{delivery.documentId ? `${delivery.documentId} (${delivery.locale ?? '—'})` : '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography>{delivery.endpointName ?? `#${delivery.endpointId}`}</Typography>
                  </Td>
                  <Td>
                    <StatusBadge status={delivery.status} />
                  </Td>
                  <Td>
                    <Typography>{`${delivery.attempts} / ${delivery.maxAttempts}`}</Typography>
                  </Td>
                  <Td>
                    <Typography>{delivery.lastStatusCode ?? (delivery.lastError ? t('deliveries.noResponse', 'no response') : '—')}</Typography>
                  </Td>
                  <Td>
                    <Typography>{formatDateTime(delivery.lastAttemptAt, locale)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{formatDateTime(delivery.nextAttemptAt, locale)}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}

        <Flex justifyContent="space-between" paddingTop={4}>
          <Typography textColor="neutral600">
            {t('deliveries.page', 'Page {page} of {pageCount}', { page: pagination.page, pageCount: Math.max(1, pagination.pageCount) })}
          </Typography>
          <Flex gap={2}>
            <Button variant="tertiary" disabled={pagination.page <= 1} onClick={() => goTo(pagination.page - 1)}>
              {t('deliveries.previous', 'Previous')}
            </Button>
            <Button variant="tertiary" disabled={pagination.page >= pagination.pageCount} onClick={() => goTo(pagination.page + 1)}>
              {t('deliveries.next', 'Next')}
            </Button>
          </Flex>
        </Flex>
      </Layouts.Content>
      <DeliveryModal
        deliveryId={openId}
        canReplay={canManage}
        onClose={() => setOpenId(null)}
        onReplayed={() => {
          setOpenId(null);
          void load();
        }}
      />
    </Page.Main>
  );
};
