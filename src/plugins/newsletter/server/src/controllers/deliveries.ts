import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { idParamSchema, listDeliveriesQuerySchema, type GetDelivery, type ListDeliveries, type ReplayDelivery } from '../../../shared/contracts';
import { parseOrThrow } from '../utils/errors';
import { getService } from '../utils';

const deliveriesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    ctx.body = (await getService(strapi, 'deliveries').list(parseOrThrow(listDeliveriesQuerySchema, ctx.query))) satisfies ListDeliveries.Response;
  },

  async findOne(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'deliveries').get(parseOrThrow(idParamSchema, ctx.params).id) } satisfies GetDelivery.Response;
  },

  async replay(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'deliveries').replay(parseOrThrow(idParamSchema, ctx.params).id) } satisfies ReplayDelivery.Response;
  },
});

export default deliveriesController;
