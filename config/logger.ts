import { winston, formats } from '@strapi/logger';

// LOG_LEVEL quiets the tests (error) or opens up debugging (debug); Strapi's default is http.
export default {
  level: process.env.LOG_LEVEL ?? 'http',
  transports: [new winston.transports.Console({ format: formats.prettyPrint() })],
};
