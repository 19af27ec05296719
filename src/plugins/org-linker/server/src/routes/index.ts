import { ACTIONS } from '../../../shared/contracts';

const allowed = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});

/** Admin API only (admin login + RBAC): nothing here is reachable with a content-API token. */
export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/config', handler: 'analysis.config', config: allowed(ACTIONS.read) },
      { method: 'POST', path: '/preview', handler: 'analysis.preview', config: allowed(ACTIONS.read) },
      { method: 'GET', path: '/articles/:documentId/mentions', handler: 'analysis.mentions', config: allowed(ACTIONS.read) },
      { method: 'POST', path: '/articles/:documentId/relink', handler: 'relink.article', config: allowed(ACTIONS.relink) },
      { method: 'POST', path: '/relink/dry-run', handler: 'relink.dryRun', config: allowed(ACTIONS.relink) },
      { method: 'POST', path: '/relink/run', handler: 'relink.run', config: allowed(ACTIONS.relink) },
      { method: 'GET', path: '/relink/jobs', handler: 'relink.jobs', config: allowed(ACTIONS.read) },
      { method: 'GET', path: '/relink/jobs/:id', handler: 'relink.job', config: allowed(ACTIONS.read) },
      { method: 'POST', path: '/relink/jobs/:id/retry', handler: 'relink.retry', config: allowed(ACTIONS.relink) },
      { method: 'GET', path: '/settings', handler: 'settings.get', config: allowed(ACTIONS.settings) },
      { method: 'PUT', path: '/settings', handler: 'settings.update', config: allowed(ACTIONS.settings) },
    ],
  },
};
