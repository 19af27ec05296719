import * as React from 'react';
import { Badge, Box, Button, Dialog, Flex, IconButton, Table, Tbody, Td, Th, Thead, Tooltip, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, Eye, Key, Pencil, Plus, Trash } from '@strapi/icons';
import { ConfirmDialog, Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router-dom';
import { PERMISSIONS, type Endpoint } from '../../../shared/contracts';
import { EndpointModal, type EndpointFormValues } from '../components/EndpointModal';
import { PluginNav } from '../components/PluginNav';
import { SecretDialog } from '../components/SecretDialog';
import { pluginId } from '../pluginId';
import { errorMessage, useNewsletterApi } from '../utils/api';
import { formatDateTime } from '../utils/format';
import { getTranslation } from '../utils/getTranslation';

type Confirm = { kind: 'delete' | 'rotate'; endpoint: Endpoint } | null;

/** The current time, read outside render: when the component mounts and then every 30 seconds. */
const useNow = (): number => {
  const [now, setNow] = React.useState(() => Date.now());
  React.useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
};

export const EndpointsPage = () => {
  const { formatMessage, locale } = useIntl();
  const { toggleNotification } = useNotification();
  const navigate = useNavigate();
  const api = useNewsletterApi();
  const now = useNow();
  const {
    isLoading: isLoadingPermissions,
    allowedActions: { canManage },
  } = useRBAC([{ action: PERMISSIONS.manage, subject: null }]);
  const [endpoints, setEndpoints] = React.useState<Endpoint[] | null>(null);
  const [loadError, setLoadError] = React.useState(false);
  const [editing, setEditing] = React.useState<{ endpoint: Endpoint | null } | null>(null);
  const [shownSecret, setShownSecret] = React.useState<{ name: string; secret: string } | null>(null);
  const [confirm, setConfirm] = React.useState<Confirm>(null);

  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const fail = (error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) });

  const load = React.useCallback(
    () =>
      api.listEndpoints().then(
        (result) => {
          setEndpoints(result);
          setLoadError(false);
        },
        () => setLoadError(true)
      ),
    [api]
  );

  React.useEffect(() => {
    void load();
  }, [load]);

  const save = async (values: EndpointFormValues) => {
    if (editing?.endpoint) {
      await api.updateEndpoint(editing.endpoint.id, values);
      toggleNotification({ type: 'success', message: t('endpoint.saved', 'Endpoint saved') });
    } else {
      const created = await api.createEndpoint(values);
      setShownSecret({ name: created.name, secret: created.secret });
    }
    setEditing(null);
    await load();
  };

  const setEnabled = async (endpoint: Endpoint, enabled: boolean) => {
    try {
      await api.updateEndpoint(endpoint.id, { enabled });
      await load();
    } catch (error) {
      fail(error);
    }
  };

  const sendTest = async (endpoint: Endpoint) => {
    try {
      await api.sendTest(endpoint.id);
      toggleNotification({ type: 'success', message: t('endpoint.testSent', 'Test event queued for {name}: see the delivery log', { name: endpoint.name }) });
    } catch (error) {
      fail(error);
    }
  };

  const confirmed = async () => {
    if (!confirm) return;
    const { kind, endpoint } = confirm;
    setConfirm(null);
    try {
      if (kind === 'delete') {
        await api.deleteEndpoint(endpoint.id);
        toggleNotification({ type: 'success', message: t('endpoint.deleted', 'Endpoint deleted') });
      } else {
        const rotated = await api.rotateSecret(endpoint.id);
        setShownSecret({ name: rotated.name, secret: rotated.secret });
      }
      await load();
    } catch (error) {
      fail(error);
    }
  };

  if (loadError) return <Page.Error />;
  if (endpoints === null || isLoadingPermissions) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{t('plugin.name', 'Newsletter webhooks')}</Page.Title>
      <Layouts.Header
        title={t('plugin.name', 'Newsletter webhooks')}
        subtitle={t('endpoints.subtitle', 'Receivers told about every published, updated and unpublished article, signed per Standard Webhooks')}
        primaryAction={
          canManage ? (
            <Button startIcon={<Plus />} onClick={() => setEditing({ endpoint: null })}>
              {t('endpoints.create', 'New endpoint')}
            </Button>
          ) : undefined
        }
        secondaryAction={<PluginNav />}
      />
      <Layouts.Content>
        {endpoints.length === 0 ? (
          <Box background="neutral0" padding={8} hasRadius shadow="tableShadow">
            <Typography textColor="neutral600">{t('endpoints.empty', 'No endpoint yet. Add one to start sending article events.')}</Typography>
          </Box>
        ) : (
          <Table colCount={6} rowCount={endpoints.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('endpoints.column.name', 'Name')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('endpoints.column.url', 'URL')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('endpoints.column.events', 'Events')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('endpoints.column.status', 'Status')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('endpoints.column.secret', 'Secret')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('endpoints.column.actions', 'Actions')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {endpoints.map((endpoint) => (
                <Tr key={endpoint.id}>
                  <Td>
                    <Typography fontWeight="bold">{endpoint.name}</Typography>
                  </Td>
                  <Td>
                    <Typography ellipsis style={{ maxWidth: '22rem', display: 'block' }}>
                      {endpoint.url}
                    </Typography>
                  </Td>
                  <Td>
                    <Flex gap={1} wrap="wrap">
                      {endpoint.events.map((event) => (
                        <Badge key={event}>{event}</Badge>
                      ))}
                    </Flex>
                  </Td>
                  <Td>
                    {endpoint.enabled ? (
                      <Badge variant="success">{t('endpoint.enabled', 'Enabled')}</Badge>
                    ) : (
                      <Tooltip label={`${endpoint.disabledReason ?? ''} (${formatDateTime(endpoint.disabledAt, locale)})`}>
                        <Badge variant="danger">{t('endpoint.disabled', 'Disabled')}</Badge>
                      </Tooltip>
                    )}
                  </Td>
                  <Td>
                    <Flex direction="column" alignItems="flex-start">
                      <Typography variant="omega" style={{ fontFamily: 'monospace' }}>
                        {endpoint.secretHint}
                      </Typography>
                      {endpoint.previousSecretExpiresAt && Date.parse(endpoint.previousSecretExpiresAt) > now ? (
                        <Typography variant="pi" textColor="neutral600">
                          {t('endpoints.overlap', 'previous secret also signs until {date}', { date: formatDateTime(endpoint.previousSecretExpiresAt, locale) })}
                        </Typography>
                      ) : null}
                    </Flex>
                  </Td>
                  <Td>
                    <Flex gap={1}>
                      <IconButton
                        label={t('endpoints.action.deliveries', 'Delivery log')}
                        withTooltip
                        onClick={() => navigate(`/plugins/${pluginId}/deliveries?endpointId=${endpoint.id}`)}
                      >
                        <Eye />
                      </IconButton>
                      {canManage ? (
                        <>
                          <IconButton label={t('endpoints.action.edit', 'Edit')} withTooltip onClick={() => setEditing({ endpoint })}>
                            <Pencil />
                          </IconButton>
                          <Button size="S" variant="tertiary" onClick={() => void setEnabled(endpoint, !endpoint.enabled)}>
                            {endpoint.enabled ? t('endpoints.action.disable', 'Disable') : t('endpoints.action.enable', 'Enable')}
                          </Button>
                          <Button size="S" variant="tertiary" disabled={!endpoint.enabled} onClick={() => void sendTest(endpoint)}>
                            {t('endpoints.action.test', 'Send test event')}
                          </Button>
                          <IconButton label={t('endpoints.action.rotate', 'Rotate secret')} withTooltip onClick={() => setConfirm({ kind: 'rotate', endpoint })}>
                            <Key />
                          </IconButton>
                          <IconButton label={t('endpoints.action.delete', 'Delete')} withTooltip onClick={() => setConfirm({ kind: 'delete', endpoint })}>
                            <Trash />
                          </IconButton>
                        </>
                      ) : null}
                    </Flex>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        <Box paddingTop={4}>
          <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => void load()}>
            {t('action.refresh', 'Refresh')}
          </Button>
        </Box>
      </Layouts.Content>

      <EndpointModal endpoint={editing?.endpoint ?? null} open={editing !== null} onClose={() => setEditing(null)} onSubmit={save} />
      <SecretDialog endpointName={shownSecret?.name ?? ''} secret={shownSecret?.secret ?? null} onClose={() => setShownSecret(null)} />
      <Dialog.Root open={confirm !== null} onOpenChange={(open) => !open && setConfirm(null)}>
        <ConfirmDialog onConfirm={confirmed} variant={confirm?.kind === 'delete' ? 'danger-light' : 'secondary'}>
          {confirm?.kind === 'delete'
            ? t('endpoints.confirm.delete', 'Delete "{name}" and its delivery log? Nothing more will be sent to it.', { name: confirm.endpoint.name })
            : t('endpoints.confirm.rotate', 'Rotate the secret of "{name}"? The current secret keeps signing alongside the new one for the configured overlap.', {
                name: confirm?.endpoint.name ?? '',
              })}
        </ConfirmDialog>
      </Dialog.Root>
    </Page.Main>
  );
};
