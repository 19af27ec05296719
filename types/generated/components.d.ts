import type { Schema, Struct } from '@strapi/strapi';

export interface OrganizationAlias extends Struct.ComponentSchema {
  collectionName: 'components_organization_aliases';
  info: {
    description: 'Another name of an organization (a former name, a translation, a Chinese name)';
    displayName: 'Alias';
    icon: 'quote';
  };
  attributes: {
    language: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 35;
      }>;
    text: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 255;
        minLength: 2;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'organization.alias': OrganizationAlias;
    }
  }
}
