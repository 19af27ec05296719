export const PLUGIN_ID = 'org-linker';

export const ORGANIZATION_UID = 'api::organization.organization';

/**
 * The attributes a scanned content type must have. mentionedOrganizations is part of the
 * public content model (its inverse is organization.mentionedIn); the others are the
 * editor's per-article choices and the plugin's search index.
 */
export const LINKER_ATTRIBUTES = {
  mentioned: 'mentionedOrganizations',
  ignored: 'ignoredOrganizations',
  choices: 'organizationChoices',
  autolink: 'autolink',
  searchText: 'linkerText',
} as const;

export const STATE_UID = 'plugin::org-linker.state';
export const JOB_UID = 'plugin::org-linker.relink-job';
