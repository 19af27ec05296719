import { types } from 'node:util';
import { formats, winston } from '@strapi/logger';

/**
 * Strapi logs a 500's error as the Error itself (`strapi.log.error(error)`). Its own format
 * expands only `instanceof Error`, which is false for an error made in another realm (a native
 * module's, or Node's own, as seen by code that Jest runs in a vm context), and winston hands the
 * transports a copy of the enumerable properties only: such an error was logged as "undefined".
 * Here any native error, from any realm, becomes its stack (which starts with its message).
 */
export const errorsAsText = winston.format((info) => (types.isNativeError(info) ? { ...info, message: info.stack ?? info.message } : info));

/** The app's log lines: Strapi's pretty print (time, level, message), errors in full. */
export const logFormat = () => winston.format.combine(errorsAsText(), formats.prettyPrint());
