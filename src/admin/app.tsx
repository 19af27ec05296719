import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // English is always available; the network's editors also work in Simplified Chinese.
    locales: ['zh-Hans'],
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
