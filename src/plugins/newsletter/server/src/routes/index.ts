import { PERMISSIONS } from '../../../shared/contracts';

/** Admin-panel routes only (mounted under /newsletter): an admin session with the right RBAC action. */
const guarded = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});
const read = guarded(PERMISSIONS.read);
const manage = guarded(PERMISSIONS.manage);

export const routes = {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/endpoints', handler: 'endpoints.find', config: read },
      { method: 'POST', path: '/endpoints', handler: 'endpoints.create', config: manage },
      { method: 'GET', path: '/endpoints/:id', handler: 'endpoints.findOne', config: read },
      { method: 'PUT', path: '/endpoints/:id', handler: 'endpoints.update', config: manage },
      { method: 'DELETE', path: '/endpoints/:id', handler: 'endpoints.delete', config: manage },
      { method: 'POST', path: '/endpoints/:id/rotate-secret', handler: 'endpoints.rotateSecret', config: manage },
      { method: 'POST', path: '/endpoints/:id/test', handler: 'endpoints.sendTest', config: manage },
      { method: 'GET', path: '/deliveries', handler: 'deliveries.find', config: read },
      { method: 'GET', path: '/deliveries/:id', handler: 'deliveries.findOne', config: read },
      { method: 'POST', path: '/deliveries/:id/replay', handler: 'deliveries.replay', config: manage },
    ],
  },
};
