import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { DeliveryStatus } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';

const VARIANT: Record<DeliveryStatus, 'success' | 'danger' | 'warning' | 'neutral' | 'secondary'> = {
  pending: 'warning',
  delivering: 'secondary',
  succeeded: 'success',
  failed: 'danger',
  disabled: 'neutral',
};

const LABEL: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  delivering: 'Delivering',
  succeeded: 'Succeeded',
  failed: 'Failed',
  disabled: 'Disabled',
};

export const StatusBadge = ({ status }: { status: DeliveryStatus }) => {
  const { formatMessage } = useIntl();
  return <Badge variant={VARIANT[status]}>{formatMessage({ id: getTranslation(`status.${status}`), defaultMessage: LABEL[status] })}</Badge>;
};

export const statusLabel = LABEL;
