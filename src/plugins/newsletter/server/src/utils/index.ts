import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/contracts';
import type { Services } from '../services';

/** A plugin service, typed by name. */
export const getService = <TName extends keyof Services>(strapi: Core.Strapi, name: TName): Services[TName] => strapi.plugin(PLUGIN_ID).service(name);
