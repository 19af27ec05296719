import deliveries from './deliveries';
import endpoints from './endpoints';
import outbox from './outbox';
import settings from './settings';
import worker from './worker';

export const services = { settings, endpoints, outbox, deliveries, worker };

export type Services = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };
