import { contentApiExposure, isOnContentApi, isRouteOnContentApi, routeType } from './non-content';

const TYPES = [
  { uid: 'plugin::users-permissions.user', info: { singularName: 'user', pluralName: 'users' } },
  { uid: 'plugin::users-permissions.role', info: { singularName: 'role', pluralName: 'roles' } },
  { uid: 'plugin::users-permissions.permission', info: { singularName: 'permission', pluralName: 'permissions' } },
  { uid: 'plugin::upload.file', info: { singularName: 'file', pluralName: 'files' } },
];
const off = { users: false };
const on = { users: true };

describe('content API exposure', () => {
  it('keeps api:: types and the site plugin types, and turns off every other plugin type, new ones included', () => {
    expect(isOnContentApi('api::article.article', off)).toBe(true);
    expect(isOnContentApi('plugin::upload.file', off)).toBe(true);
    expect(isOnContentApi('plugin::i18n.locale', off)).toBe(true);
    for (const uid of [
      'plugin::users-permissions.user',
      'plugin::users-permissions.role',
      'plugin::org-linker.relink-job',
      'plugin::newsletter.delivery',
      'plugin::upload.folder',
      'plugin::some-future.thing',
    ]) {
      expect({ uid, on: isOnContentApi(uid, off) }).toEqual({ uid, on: false });
    }
    expect(isOnContentApi('plugin::users-permissions.user', on)).toBe(true);
    expect(isOnContentApi('plugin::org-linker.relink-job', on)).toBe(false);
  });

  it('finds the type a plugin route serves from its controller name', () => {
    expect(routeType('users-permissions', { handler: 'user.find' }, TYPES)).toBe('plugin::users-permissions.user');
    expect(routeType('users-permissions', { handler: 'plugin::users-permissions.role.find' }, TYPES)).toBe('plugin::users-permissions.role');
    expect(routeType('users-permissions', { handler: 'permissions.getPermissions' }, TYPES)).toBe('plugin::users-permissions.permission');
    expect(routeType('users-permissions', { handler: 'auth.callback' }, TYPES)).toBeNull();
    expect(routeType('upload', { handler: 'content-api.find' }, TYPES)).toBeNull();
  });

  it('keeps sign-up, login and /users/me', () => {
    expect(isRouteOnContentApi('users-permissions', { handler: 'user.me' }, TYPES, off)).toBe(true);
    expect(isRouteOnContentApi('users-permissions', { handler: 'auth.register' }, TYPES, off)).toBe(true);
    expect(isRouteOnContentApi('users-permissions', { handler: 'user.find' }, TYPES, off)).toBe(false);
    expect(isRouteOnContentApi('users-permissions', { handler: 'user.find' }, TYPES, on)).toBe(true);
  });

  it('reads CONTENT_API_USERS, refusing anything but true or false', () => {
    expect(contentApiExposure({})).toEqual({ users: false });
    expect(contentApiExposure({ CONTENT_API_USERS: 'true' })).toEqual({ users: true });
    expect(() => contentApiExposure({ CONTENT_API_USERS: 'yes' })).toThrow(/^CONTENT_API_USERS: must be true or false/);
  });
});
