import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import type { GetSettings, UpdateSettings } from '../../../shared/contracts';
import { getService } from '../utils/get-service';

const settingsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const response = async (): Promise<GetSettings.Response> => {
    const settings = getService(strapi, 'settings');
    return { data: { settings: await settings.read(), defaults: settings.defaults(), available: settings.available() } };
  };

  return {
    async get(ctx: Context) {
      ctx.body = (await response()) satisfies GetSettings.Response;
    },

    async update(ctx: Context) {
      const settings = getService(strapi, 'settings');
      const next = await settings.validateUpdate(ctx.request.body);
      await strapi.db.transaction(async () => {
        await settings.save(next);
        await getService(strapi, 'directory').settingsChanged();
      });
      ctx.body = (await response()) satisfies UpdateSettings.Response;
    },
  };
};

export default settingsController;
