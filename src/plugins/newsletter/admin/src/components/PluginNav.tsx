import { Button, Flex } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useLocation, useNavigate } from 'react-router-dom';
import { pluginId } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';

/** Switches between the plugin's two pages. */
export const PluginNav = () => {
  const { formatMessage } = useIntl();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const onDeliveries = pathname.endsWith('/deliveries');
  return (
    <Flex gap={2}>
      <Button variant={onDeliveries ? 'tertiary' : 'secondary'} onClick={() => navigate(`/plugins/${pluginId}`)}>
        {formatMessage({ id: getTranslation('nav.endpoints'), defaultMessage: 'Endpoints' })}
      </Button>
      <Button variant={onDeliveries ? 'secondary' : 'tertiary'} onClick={() => navigate(`/plugins/${pluginId}/deliveries`)}>
        {formatMessage({ id: getTranslation('nav.deliveries'), defaultMessage: 'Delivery log' })}
      </Button>
    </Flex>
  );
};
