import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

/** A Standard Webhooks signing secret: "whsec_" + base64 of 32 random bytes. */
export const generateSecret = (): string => `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;

/** What the admin may see of a secret: enough to tell two apart, never enough to use. */
export const secretHint = (secret: string): string => `${SECRET_PREFIX}…${secret.replace(/=+$/, '').slice(-4)}`;

const keyOf = (secret: string): Buffer => Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');

/** One "v1,<base64 HMAC-SHA256>" signature over "<id>.<timestamp>.<body>". */
export const sign = (secret: string, id: string, timestamp: number, body: string): string =>
  `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;

/**
 * The webhook-signature header: one signature per active secret, space-separated, so that
 * receivers still holding the previous secret keep verifying during a rotation.
 */
export const signatureHeader = (secrets: readonly string[], id: string, timestamp: number, body: string): string =>
  secrets.map((secret) => sign(secret, id, timestamp, body)).join(' ');

/** The webhook-id of a message: time-ordered (sorts like the log) and unguessable. */
export const newMessageId = (now: number = Date.now()): string => `msg_${now.toString(36).padStart(9, '0')}${randomBytes(10).toString('hex')}`;
