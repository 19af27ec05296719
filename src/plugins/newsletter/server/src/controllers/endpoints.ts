import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  createEndpointSchema,
  idParamSchema,
  updateEndpointSchema,
  type CreateEndpoint,
  type DeleteEndpoint,
  type GetEndpoint,
  type ListEndpoints,
  type RotateSecret,
  type SendTestEvent,
  type UpdateEndpoint,
} from '../../../shared/contracts';
import { parseOrThrow } from '../utils/errors';
import { getService } from '../utils';

type RequestBody = { request: { body?: unknown } };

const idOf = (ctx: Context): number => parseOrThrow(idParamSchema, ctx.params).id;
const bodyOf = (ctx: Context): unknown => (ctx as Context & RequestBody).request.body ?? {};

const endpointsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'endpoints').list() } satisfies ListEndpoints.Response;
  },

  async findOne(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'endpoints').get(idOf(ctx)) } satisfies GetEndpoint.Response;
  },

  async create(ctx: Context) {
    const { endpoint, secret } = await getService(strapi, 'endpoints').create(parseOrThrow(createEndpointSchema, bodyOf(ctx)));
    ctx.status = 201;
    ctx.body = { data: { ...endpoint, secret } } satisfies CreateEndpoint.Response;
  },

  async update(ctx: Context) {
    const id = idOf(ctx);
    ctx.body = { data: await getService(strapi, 'endpoints').update(id, parseOrThrow(updateEndpointSchema, bodyOf(ctx))) } satisfies UpdateEndpoint.Response;
  },

  async delete(ctx: Context) {
    const id = idOf(ctx);
    await getService(strapi, 'endpoints').remove(id);
    ctx.body = { data: { id } } satisfies DeleteEndpoint.Response;
  },

  async rotateSecret(ctx: Context) {
    const { endpoint, secret } = await getService(strapi, 'endpoints').rotateSecret(idOf(ctx));
    ctx.body = { data: { ...endpoint, secret } } satisfies RotateSecret.Response;
  },

  async sendTest(ctx: Context) {
    ctx.status = 202;
    ctx.body = { data: await getService(strapi, 'endpoints').sendTest(idOf(ctx)) } satisfies SendTestEvent.Response;
  },
});

export default endpointsController;
