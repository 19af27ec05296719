import type { Core } from '@strapi/strapi';
import { getService } from './utils';

export const bootstrap = ({ strapi }: { strapi: Core.Strapi }) => {
  getService(strapi, 'worker').start();
};
