import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::sector.sector');
