/**
 * One row: versions that every process compares before a save, so a directory or settings
 * change made through one Strapi process is used by all the others on their next save.
 */
export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'org_linker_state',
    info: { singularName: 'state', pluralName: 'states', displayName: 'Org linker state' },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      directoryVersion: { type: 'integer', default: 0, required: true },
      settingsVersion: { type: 'integer', default: 0, required: true },
    },
  },
};
