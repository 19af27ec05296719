import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/contracts';
import { configSchema, type NewsletterConfig } from '../config/schema';
import { parseAllowList, type AllowList } from '../utils/address';
import { maxAttempts } from '../utils/backoff';
import { createSecretBox, type SecretBox } from '../utils/encryption';

export interface Settings extends NewsletterConfig {
  allowList: AllowList;
  secretBox: SecretBox;
  maxAttempts: number;
}

/** The plugin configuration, parsed once (the config validator has already refused bad values at startup). */
const createSettingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let settings: Settings | undefined;
  return {
    get(): Settings {
      if (!settings) {
        const config = configSchema.parse(strapi.config.get(`plugin::${PLUGIN_ID}`, {}));
        settings = {
          ...config,
          allowList: parseAllowList(config.allowedPrivateTargets),
          secretBox: createSecretBox(strapi.config.get<string>('admin.secrets.encryptionKey', '')),
          maxAttempts: maxAttempts(config.retrySchedule),
        };
      }
      return settings;
    },
  };
};

export type SettingsService = ReturnType<typeof createSettingsService>;
export default createSettingsService;
