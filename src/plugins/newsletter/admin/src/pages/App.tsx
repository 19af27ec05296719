import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../../shared/contracts';
import { DeliveriesPage } from './DeliveriesPage';
import { EndpointsPage } from './EndpointsPage';

export const App = () => (
  <Page.Protect permissions={[{ action: PERMISSIONS.read, subject: null }]}>
    <Routes>
      <Route index element={<EndpointsPage />} />
      <Route path="deliveries" element={<DeliveriesPage />} />
    </Routes>
  </Page.Protect>
);
