/** Who sees the Import page: the Content Manager's create and update on organizations (the server also checks publish and conditions). */
export const IMPORT_PERMISSIONS = [
  { action: 'plugin::content-manager.explorer.create', subject: 'api::organization.organization' },
  { action: 'plugin::content-manager.explorer.update', subject: 'api::organization.organization' },
];
