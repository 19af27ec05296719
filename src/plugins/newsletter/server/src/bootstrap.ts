import type { Core } from '@strapi/strapi';
import { getService } from './utils';

export const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  getService(strapi, 'worker').start();
};
