import type { OrganizationChoice, OrganizationSummary } from '../../../shared/contracts';

/**
 * The edit form holds a relation field as pending changes to what is stored:
 * { connect: [...], disconnect: [...] }, each item carrying the API payload in apiData.
 * These helpers read and change the ignoredOrganizations field in that shape, so that the
 * relation input of the edit view shows the same change and the save sends it.
 */
export interface RelationItem {
  id: string | number;
  apiData?: { id?: number; documentId?: string; locale?: string | null; isTemporary?: boolean };
  status?: string;
  label?: string;
  href?: string;
  __temp_key__?: string;
  [key: string]: unknown;
}

export interface RelationFieldValue {
  connect?: RelationItem[];
  disconnect?: RelationItem[];
}

const documentIdOf = (item: RelationItem): string | undefined => item.apiData?.documentId;

export const relationValue = (value: unknown): Required<RelationFieldValue> => {
  const field = value && typeof value === 'object' ? (value as RelationFieldValue) : {};
  return { connect: Array.isArray(field.connect) ? field.connect : [], disconnect: Array.isArray(field.disconnect) ? field.disconnect : [] };
};

/** The pending changes as documentIds, for the preview route. */
export const ignoredChanges = (value: unknown) => {
  const field = relationValue(value);
  return {
    connect: field.connect.map(documentIdOf).filter((id): id is string => Boolean(id)),
    disconnect: field.disconnect.map(documentIdOf).filter((id): id is string => Boolean(id)),
  };
};

let sequence = 0;

/** The field value after ignoring (or un-ignoring) an organization for this article. */
export const toggleIgnored = (value: unknown, organization: Pick<OrganizationSummary, 'documentId' | 'name' | 'ignored'>): RelationFieldValue => {
  const field = relationValue(value);
  const matches = (item: RelationItem) => documentIdOf(item) === organization.documentId;
  if (!organization.ignored) {
    // A pending "un-ignore" is simply withdrawn; otherwise the organization is connected.
    if (field.disconnect.some(matches)) return { ...field, disconnect: field.disconnect.filter((item) => !matches(item)) };
    sequence += 1;
    return {
      ...field,
      connect: [
        ...field.connect,
        {
          id: `org-linker-${organization.documentId}`,
          apiData: { documentId: organization.documentId, isTemporary: true },
          status: 'published',
          name: organization.name,
          label: organization.name,
          href: `../collection-types/api::organization.organization/${organization.documentId}`,
          __temp_key__: `z${String(Date.now()).padStart(14, '0')}${sequence}`,
        },
      ],
    };
  }
  if (field.connect.some(matches)) return { ...field, connect: field.connect.filter((item) => !matches(item)) };
  return {
    ...field,
    disconnect: [...field.disconnect, { id: `org-linker-${organization.documentId}`, status: 'published', apiData: { documentId: organization.documentId } }],
  };
};

/** The organizationChoices JSON field: an array, or the text the JSON input holds while edited. */
export const parseChoices = (value: unknown): OrganizationChoice[] => {
  const parsed = typeof value === 'string' ? safeParse(value) : value;
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (choice): choice is OrganizationChoice =>
      Boolean(choice) && typeof choice === 'object' && typeof (choice as OrganizationChoice).text === 'string' && typeof (choice as OrganizationChoice).organization === 'string'
  );
};

const safeParse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** The choices after the editor picked (or cleared, with null) the organization a name means. */
export const choose = (choices: OrganizationChoice[], text: string, organization: string | null): OrganizationChoice[] => [
  ...choices.filter((choice) => choice.text !== text),
  ...(organization ? [{ text, organization }] : []),
];
