import * as React from 'react';
import { Box, Button, Flex, Grid, Modal, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { DeliveryDetail } from '../../../shared/contracts';
import { errorMessage, useNewsletterApi } from '../utils/api';
import { formatDateTime } from '../utils/format';
import { getTranslation } from '../utils/getTranslation';
import { StatusBadge } from './StatusBadge';

interface DeliveryModalProps {
  deliveryId: number | null;
  canReplay: boolean;
  onClose: () => void;
  onReplayed: () => void;
}

const REPLAYABLE = new Set(['failed', 'disabled', 'succeeded']);

/** One delivery: its state, last response, payload, and Replay. */
export const DeliveryModal = ({ deliveryId, canReplay, onClose, onReplayed }: DeliveryModalProps) => {
  const { formatMessage, locale } = useIntl();
  const { toggleNotification } = useNotification();
  const api = useNewsletterApi();
  // Kept with the id it was read for: another id shows nothing until its own answer arrives.
  const [loaded, setLoaded] = React.useState<{ id: number; delivery: DeliveryDetail } | null>(null);
  const delivery = loaded !== null && loaded.id === deliveryId ? loaded.delivery : null;
  const [replaying, setReplaying] = React.useState(false);
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);

  React.useEffect(() => {
    if (deliveryId === null) return;
    api.getDelivery(deliveryId).then(
      (detail) => setLoaded({ id: deliveryId, delivery: detail }),
      (error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) })
    );
  }, [api, deliveryId, toggleNotification]);

  const replay = async () => {
    if (!delivery) return;
    setReplaying(true);
    try {
      await api.replay(delivery.id);
      toggleNotification({ type: 'success', message: t('delivery.replayed', 'Delivery queued again') });
      onReplayed();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setReplaying(false);
    }
  };

  const row = (label: string, value: React.ReactNode) => (
    <>
      <Grid.Item col={4} s={12}>
        <Typography variant="sigma" textColor="neutral600">
          {label}
        </Typography>
      </Grid.Item>
      <Grid.Item col={8} s={12}>
        <Typography>{value}</Typography>
      </Grid.Item>
    </>
  );

  return (
    <Modal.Root open={deliveryId !== null} onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('delivery.title', 'Delivery {id}', { id: deliveryId ?? '' })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {delivery ? (
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Grid.Root gap={2}>
                {row(t('deliveries.column.status', 'Status'), <StatusBadge status={delivery.status} />)}
                {row(t('deliveries.column.event', 'Event'), delivery.eventType)}
                {row(t('delivery.messageId', 'webhook-id'), delivery.messageId)}
                {row(t('deliveries.column.endpoint', 'Endpoint'), delivery.endpointName ?? `#${delivery.endpointId}`)}
                {row(t('deliveries.column.attempts', 'Attempts'), `${delivery.attempts} / ${delivery.maxAttempts}`)}
                {row(t('deliveries.column.lastCode', 'Last response'), delivery.lastStatusCode ?? '—')}
                {row(t('deliveries.column.lastAttempt', 'Last attempt'), formatDateTime(delivery.lastAttemptAt, locale))}
                {row(t('deliveries.column.nextAttempt', 'Next attempt'), formatDateTime(delivery.nextAttemptAt, locale))}
                {row(t('delivery.lastError', 'Last error'), delivery.lastError ?? '—')}
                {row(t('delivery.responseBody', 'Response body (start)'), delivery.lastResponseBody ?? '—')}
              </Grid.Root>
              <Box>
                <Typography variant="sigma" textColor="neutral600">
                  {t('delivery.payload', 'Payload')}
                </Typography>
                <Box tag="pre" padding={3} marginTop={2} background="neutral100" hasRadius style={{ overflowX: 'auto', fontSize: '1.2rem' }}>
                  {JSON.stringify(delivery.payload, null, 2)}
                </Box>
              </Box>
            </Flex>
          ) : (
            <Typography>{t('delivery.loading', 'Loading…')}</Typography>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {t('action.close', 'Close')}
          </Button>
          {canReplay && delivery && REPLAYABLE.has(delivery.status) ? (
            <Button onClick={() => void replay()} loading={replaying}>
              {t('delivery.replay', 'Replay')}
            </Button>
          ) : null}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
