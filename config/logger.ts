import { logFormat } from '../src/utils/log-format';

// LOG_LEVEL quiets the tests (error) or opens up debugging (debug); Strapi's default is http.
// The format is the logger's, not the console transport's: only there is a logged error still
// whole (a transport gets a copy without message or stack). Strapi's console transport stays.
export default {
  level: process.env.LOG_LEVEL ?? 'http',
  format: logFormat(),
};
