export const ENDPOINT_UID = 'plugin::newsletter.endpoint';
export const EVENT_UID = 'plugin::newsletter.event';
export const DELIVERY_UID = 'plugin::newsletter.delivery';
export const ARTICLE_UID = 'api::article.article';

export const ACTIONS = [
  { section: 'plugins', displayName: 'Read endpoints and the delivery log', uid: 'read', pluginName: 'newsletter' },
  { section: 'plugins', displayName: 'Manage endpoints, secrets, test events and replays', uid: 'manage', pluginName: 'newsletter' },
];
