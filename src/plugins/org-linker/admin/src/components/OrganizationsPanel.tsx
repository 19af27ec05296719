import * as React from 'react';
import { useForm, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useIntl } from 'react-intl';
import { ACTIONS, type GetConfig, type OrganizationSummary, type Preview, type Suggestion } from '../../../shared/contracts';
import { errorMessage, organizationAdminPath, useOrgLinkerApi } from '../utils/api';
import { choose, ignoredChanges, parseChoices, toggleIgnored } from '../utils/form';
import { getTranslation } from '../utils/getTranslation';
import { PanelView, type PanelState } from './PanelView';

/** How long typing must pause before the text is checked again. */
export const PREVIEW_DELAY_MS = 600;

const CONSUMER = 'OrgLinkerPanel';
const PERMISSIONS = [{ action: ACTIONS.read, subject: null }];

type Values = Record<string, unknown>;

/** The admin's base path as served ("/admin" unless configured otherwise). */
const adminBase = () => window.location.pathname.split('/content-manager')[0];

/** The scanned types and fields, fetched once per admin session. */
let configRequest: Promise<GetConfig.Response['data']> | null = null;

const useLinkerConfig = () => {
  const api = useOrgLinkerApi();
  const [config, setConfig] = React.useState<GetConfig.Response['data'] | null>(null);
  React.useEffect(() => {
    let alive = true;
    configRequest ??= api.config().catch((error: unknown) => {
      configRequest = null;
      throw error;
    });
    configRequest.then(
      (value) => alive && setConfig(value),
      () => undefined
    );
    return () => {
      alive = false;
    };
  }, [api]);
  return config;
};

/**
 * The preview of the text being edited (unsaved changes included), refreshed once typing
 * pauses. A newer request cancels an older one, so the panel never shows a stale answer.
 */
const usePreview = (request: Preview.Request | null) => {
  const api = useOrgLinkerApi();
  const [generation, setGeneration] = React.useState(0);
  const key = JSON.stringify(request);
  // The last answer, with the request (and generation) it answers: a ready answer to an older
  // request is shown as refreshing until the new one arrives (derived, not set in the effect).
  const asked = `${generation}:${key}`;
  const [answer, setAnswer] = React.useState<{ state: PanelState; asked: string }>({ state: { status: 'loading' }, asked: '' });
  React.useEffect(() => {
    if (!request) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.preview(request, controller.signal).then(
        (analysis) => setAnswer({ state: { status: 'ready', analysis, refreshing: false }, asked }),
        (error: unknown) => {
          if (!controller.signal.aborted) setAnswer({ state: { status: 'error', message: errorMessage(error) }, asked });
        }
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` stands for `request`: a new object with the same content must not re-fetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, generation]);
  const refresh = React.useCallback(() => setGeneration((value) => value + 1), []);
  const state: PanelState = request && answer.state.status === 'ready' && answer.asked !== asked ? { ...answer.state, refreshing: true } : answer.state;
  return { state, refresh };
};

const PanelContent = ({ model, documentId, field }: PanelComponentProps & { field: string }) => {
  const api = useOrgLinkerApi();
  const { formatMessage } = useIntl();
  const values = useForm(CONSUMER, (form) => form.values) as Values;
  const onChange = useForm(CONSUMER, (form) => form.onChange);
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  const locale = query.plugins?.i18n?.locale;
  const [adding, setAdding] = React.useState<string[]>([]);
  const [addError, setAddError] = React.useState<string | null>(null);

  const value = values[field];
  const choices = parseChoices(values.organizationChoices);
  const request: Preview.Request | null =
    Array.isArray(value) || typeof value === 'string'
      ? {
          contentType: model,
          field,
          value: Array.isArray(value) ? value : String(value),
          ...(documentId && documentId !== 'create' ? { documentId } : {}),
          ...(locale ? { locale } : {}),
          autolink: values.autolink !== false,
          ignoredChanges: ignoredChanges(values.ignoredOrganizations),
          organizationChoices: choices,
        }
      : null;
  const { state, refresh } = usePreview(request);

  // Coming back from publishing a new organization in another tab: check again.
  React.useEffect(() => {
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, [refresh]);

  const onToggleIgnore = (organization: OrganizationSummary) => onChange('ignoredOrganizations', toggleIgnored(values.ignoredOrganizations, organization));
  const onChoose = (text: string, organization: string | null) => onChange('organizationChoices', choose(choices, text, organization));
  const addToDirectory = async (suggestion: Suggestion) => {
    setAddError(null);
    setAdding((names) => [...names, suggestion.text]);
    // Opened before the request so that the browser treats it as the click's own window.
    const tab = window.open('', '_blank');
    try {
      const created = await api.createOrganization({ name: suggestion.text, ...(suggestion.acronym ? { acronym: suggestion.acronym } : {}) });
      const url = `${adminBase()}${organizationAdminPath(created.documentId)}`;
      if (tab) tab.location.href = url;
      else window.open(url, '_blank');
    } catch (error) {
      tab?.close();
      setAddError(
        formatMessage(
          { id: getTranslation('panel.suggestions.error'), defaultMessage: '{name} could not be added: {message}' },
          { name: suggestion.text, message: errorMessage(error) }
        )
      );
    } finally {
      setAdding((names) => names.filter((name) => name !== suggestion.text));
    }
  };

  return (
    <PanelView
      state={
        request
          ? state
          : { status: 'ready', refreshing: false, analysis: { organizations: [], ambiguous: [], suggestions: [], choices: [], links: { added: [], updated: [], removed: [] } } }
      }
      organizationHref={(id) => `${adminBase()}${organizationAdminPath(id)}`}
      onToggleIgnore={onToggleIgnore}
      onChoose={onChoose}
      onAddToDirectory={(suggestion) => void addToDirectory(suggestion)}
      onRefresh={refresh}
      adding={adding}
      addError={addError}
    />
  );
};

/**
 * The "Organizations" panel of the edit view, for the content types the linker scans: what
 * the text names, whether each will be linked or why not, ignore / choose, and names that are
 * not in the directory yet. It only reads and proposes; it never blocks saving.
 */
export const OrganizationsPanel: PanelComponent = (props) => {
  const { formatMessage } = useIntl();
  const config = useLinkerConfig();
  const { allowedActions } = useRBAC(PERMISSIONS);
  const scanned = config?.contentTypes.find((contentType) => contentType.uid === props.model);
  if (!scanned || !allowedActions.canRead) return null;
  return {
    title: formatMessage({ id: getTranslation('panel.title'), defaultMessage: 'Organizations' }),
    content: <PanelContent {...props} field={scanned.fields[0]} />,
  };
};
