import { runInNewContext } from 'node:vm';
import { createLogger } from '@strapi/logger';
import loggerConfig from '../../config/logger';

/** winston's key of the finished line (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for('message');

/**
 * The app's logger as Strapi makes it from config/logger.ts; each transport keeps its own format,
 * and what it would print is collected here instead of printed.
 */
const appLogger = () => {
  const lines: string[] = [];
  const logger = createLogger({ ...loggerConfig, level: 'debug' });
  expect(logger.transports.length).toBeGreaterThan(0);
  for (const transport of logger.transports) {
    transport.log = (info: Record<string | symbol, unknown>, done: () => void) => {
      lines.push(String(info[MESSAGE]));
      done();
    };
  }
  return { logger, lines };
};

describe('the app log', () => {
  it('shows a logged Error with its message and stack, as Strapi logs a 500 (not "undefined")', () => {
    const { logger, lines } = appLogger();
    logger.error(new TypeError('Cannot read properties of undefined (reading "id")'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('TypeError: Cannot read properties of undefined (reading "id")');
    expect(lines[0]).toContain('logger.test.ts');
  });

  it("shows an error made in another realm (a native module's, Node's own under Jest) with its message and stack", () => {
    const { logger, lines } = appLogger();
    const error = runInNewContext(
      'class SqliteError extends Error { constructor(message) { super(message); this.code = "SQLITE_ERROR"; } }; new SqliteError("Expression tree is too large (maximum depth 1000)")'
    ) as Error;
    expect(error instanceof Error).toBe(false);
    logger.error(error);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Error: Expression tree is too large (maximum depth 1000)\n    at ');
  });

  it('keeps a text message with its time and level', () => {
    const { logger, lines } = appLogger();
    logger.warn('[newsletter] endpoint 3 answered 410 Gone and was disabled');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] .*warn.*: \[newsletter\] endpoint 3 answered 410 Gone and was disabled$/);
  });
});
