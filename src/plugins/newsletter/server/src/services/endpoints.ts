import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { z } from 'zod';
import type { ArticleEventType, createEndpointSchema, DeliverySummary, Endpoint, updateEndpointSchema } from '../../../shared/contracts';
import { DELIVERY_UID, ENDPOINT_UID } from '../constants';
import { endpointEvents, endpointRow, type EndpointRow, type EndpointTarget } from '../types';
import { fieldValidationError } from '../utils/errors';
import { generateSecret, secretHint } from '../utils/signing';
import { checkTarget } from '../utils/target';
import { getService } from '../utils';

type CreateInput = z.output<typeof createEndpointSchema>;
type UpdateInput = z.output<typeof updateEndpointSchema>;

/** The admin view of an endpoint: never the secret, only its hint. */
export const toEndpoint = (row: EndpointRow): Endpoint => ({
  id: row.id,
  name: row.name,
  url: row.url,
  events: endpointEvents(row),
  enabled: row.enabled,
  disabledReason: row.disabledReason ?? null,
  disabledAt: row.disabledAt ?? null,
  secretHint: row.secretHint ?? 'whsec_…',
  secretRotatedAt: row.secretRotatedAt ?? null,
  previousSecretExpiresAt: row.previousSecretExpiresAt ?? null,
  createdAt: row.createdAt ?? null,
  updatedAt: row.updatedAt ?? null,
});

const createEndpointsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings').get();
  const endpoints = () => strapi.db.query(ENDPOINT_UID);

  const find = async (id: number): Promise<EndpointRow> => {
    const row = endpointRow.nullable().parse(await endpoints().findOne({ where: { id } }));
    if (!row) throw new errors.NotFoundError(`endpoint ${id} does not exist`);
    return row;
  };

  /** 400 unless the URL may be targeted; see utils/target for the rules. */
  const assertTargetAllowed = async (url: string): Promise<void> => {
    const verdict = await checkTarget(new URL(url), settings().allowList);
    if (!verdict.ok) throw fieldValidationError([{ path: ['url'], message: `${url} ${verdict.message}` }]);
  };

  /** Disabling parks the endpoint's waiting deliveries as "disabled" (replayable) in one statement. */
  const parkDeliveries = async (endpointId: number, reason: string): Promise<void> => {
    await strapi.db.query(DELIVERY_UID).updateMany({
      where: { endpointId, status: 'pending' },
      data: { status: 'disabled', lastError: reason, nextAttemptAt: null, leaseOwner: null, leaseUntil: null },
    });
  };

  return {
    async list(): Promise<Endpoint[]> {
      const rows = endpointRow.array().parse(await endpoints().findMany({ orderBy: { id: 'asc' } }));
      return rows.map(toEndpoint);
    },

    async get(id: number): Promise<Endpoint> {
      return toEndpoint(await find(id));
    },

    /** Returns the new endpoint with its secret: the one time the secret leaves the server. */
    async create(input: CreateInput): Promise<{ endpoint: Endpoint; secret: string }> {
      await assertTargetAllowed(input.url);
      const secret = generateSecret();
      const now = new Date();
      const row = endpointRow.parse(
        await endpoints().create({
          data: {
            name: input.name,
            url: input.url,
            events: input.events,
            enabled: input.enabled ?? true,
            secret: settings().secretBox.encrypt(secret),
            secretHint: secretHint(secret),
            secretRotatedAt: now,
          },
        })
      );
      return { endpoint: toEndpoint(row), secret };
    },

    async update(id: number, input: UpdateInput): Promise<Endpoint> {
      const current = await find(id);
      if (input.url !== undefined && input.url !== current.url) await assertTargetAllowed(input.url);
      const data: Record<string, unknown> = {};
      if (input.name !== undefined) data.name = input.name;
      if (input.url !== undefined) data.url = input.url;
      if (input.events !== undefined) data.events = input.events;
      if (input.enabled === true && !current.enabled) Object.assign(data, { enabled: true, disabledReason: null, disabledAt: null });
      if (input.enabled === false && current.enabled) Object.assign(data, { enabled: false, disabledReason: 'disabled by an administrator', disabledAt: new Date() });
      const row: EndpointRow = await strapi.db.transaction(async () => {
        const updated = Object.keys(data).length > 0 ? endpointRow.parse(await endpoints().update({ where: { id }, data })) : current;
        if (data.enabled === false) await parkDeliveries(id, 'endpoint disabled by an administrator');
        return updated;
      });
      return toEndpoint(row);
    },

    /** Deletes the endpoint and its delivery log. */
    async remove(id: number): Promise<void> {
      await find(id);
      await strapi.db.transaction(async () => {
        await strapi.db.query(DELIVERY_UID).deleteMany({ where: { endpointId: id } });
        await endpoints().delete({ where: { id } });
      });
    },

    /**
     * A new secret, returned once; the replaced one keeps signing (alongside) for the
     * configured overlap so receivers can switch without losing a delivery. Rotating again
     * during an overlap drops the oldest secret.
     */
    async rotateSecret(id: number): Promise<{ endpoint: Endpoint; secret: string }> {
      const current = await find(id);
      const secret = generateSecret();
      const now = Date.now();
      const row = endpointRow.parse(
        await endpoints().update({
          where: { id },
          data: {
            secret: settings().secretBox.encrypt(secret),
            secretHint: secretHint(secret),
            secretRotatedAt: new Date(now),
            previousSecret: current.secret,
            previousSecretExpiresAt: new Date(now + settings().secretOverlapMs),
          },
        })
      );
      return { endpoint: toEndpoint(row), secret };
    },

    /** Called by the worker on a 410 Gone. */
    async disable(id: number, reason: string): Promise<void> {
      await strapi.db.transaction(async () => {
        await endpoints().updateMany({ where: { id, enabled: true }, data: { enabled: false, disabledReason: reason, disabledAt: new Date() } });
        await parkDeliveries(id, reason);
      });
    },

    /** Queues a webhook.test message for this endpoint through the outbox; returns its delivery. */
    async sendTest(id: number): Promise<DeliverySummary> {
      const row = await find(id);
      if (!row.enabled) throw fieldValidationError([{ path: ['enabled'], message: `endpoint "${row.name}" is disabled; enable it before sending a test event` }]);
      const messageId = await strapi.db.transaction(async ({ onCommit }: { onCommit: (callback: () => void) => void }) => {
        const recorded = await getService(strapi, 'outbox').recordTestEvent(row);
        onCommit(() => {
          try {
            getService(strapi, 'worker').dispatch(recorded.jobs);
          } catch (error) {
            strapi.log.error(`[newsletter] could not hand the test delivery to the worker: ${error instanceof Error ? error.message : String(error)}`);
          }
        });
        return recorded.messageId;
      });
      return getService(strapi, 'deliveries').summaryOf(messageId, id);
    },

    async findRow(id: number): Promise<EndpointRow> {
      return find(id);
    },

    /** Enabled endpoints subscribed to any of these event types. */
    async subscribedTo(types: readonly ArticleEventType[]): Promise<EndpointRow[]> {
      if (types.length === 0) return [];
      const rows = endpointRow.array().parse(await endpoints().findMany({ where: { enabled: true } }));
      return rows.filter((row) => endpointEvents(row).some((event) => types.includes(event)));
    },

    async targets(ids: readonly number[]): Promise<Map<number, EndpointRow>> {
      if (ids.length === 0) return new Map();
      const rows = endpointRow.array().parse(await endpoints().findMany({ where: { id: { $in: [...new Set(ids)] } } }));
      return new Map(rows.map((row) => [row.id, row]));
    },

    /** The secrets that sign a delivery now: the current one, and the previous one during its overlap. */
    signingSecrets(target: EndpointTarget, now: number = Date.now()): string[] {
      const box = settings().secretBox;
      const secrets = [box.decrypt(target.secret)];
      if (target.previousSecret && target.previousSecretExpiresAt && Date.parse(target.previousSecretExpiresAt) > now) {
        secrets.push(box.decrypt(target.previousSecret));
      }
      return secrets;
    },
  };
};

export type EndpointsService = ReturnType<typeof createEndpointsService>;
export default createEndpointsService;
