/**
 * A background relink: one per organization change that affects linking, or one "relink all".
 * The cursor makes it resumable after a restart; the lease lets another process take over a
 * job whose process died.
 */
export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'org_linker_relink_jobs',
    info: { singularName: 'relink-job', pluralName: 'relink-jobs', displayName: 'Relink job' },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      kind: { type: 'enumeration', enum: ['organization-change', 'relink-all', 'directory-import'], required: true },
      /** A directory import's changed organizations (documentIds); its before/after hold lists of snapshots. */
      organizations: { type: 'json' },
      status: { type: 'enumeration', enum: ['pending', 'running', 'done', 'failed'], default: 'pending', required: true },
      organization: { type: 'string' },
      /** The directory version the job needs: its automaton must be at least this recent. */
      directoryVersion: { type: 'integer', default: 0 },
      before: { type: 'json' },
      after: { type: 'json' },
      total: { type: 'integer' },
      processed: { type: 'integer', default: 0 },
      changed: { type: 'integer', default: 0 },
      totals: { type: 'json' },
      changes: { type: 'json' },
      cursor: { type: 'json' },
      error: { type: 'text' },
      attempts: { type: 'integer', default: 0 },
      leaseOwner: { type: 'string' },
      leaseUntil: { type: 'datetime' },
      startedAt: { type: 'datetime' },
      finishedAt: { type: 'datetime' },
    },
  },
};
