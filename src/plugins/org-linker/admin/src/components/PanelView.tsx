import { Box, Button, Field, Flex, Link, Loader, SingleSelect, SingleSelectOption, TextButton, Typography } from '@strapi/design-system';
import { ArrowClockwise, Eye, EyeStriked, ExternalLink, Plus } from '@strapi/icons';
import { useIntl, type MessageDescriptor } from 'react-intl';
import type { Analysis, NotLinkedReason, OrganizationSummary, PossibleReason, Suggestion } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';

/** Why an organization is not linked, in the editor's words. */
export const REASONS: Record<NotLinkedReason, MessageDescriptor> = {
  'not-first': { id: getTranslation('reason.not-first'), defaultMessage: 'Linked at an earlier mention' },
  'in-heading': { id: getTranslation('reason.in-heading'), defaultMessage: 'Only in a heading (headings are not linked)' },
  'not-linkable-here': { id: getTranslation('reason.not-linkable-here'), defaultMessage: 'Only in code or an image caption' },
  ignored: { id: getTranslation('reason.ignored'), defaultMessage: 'Ignored in this article' },
  'opted-out': { id: getTranslation('reason.opted-out'), defaultMessage: 'Never linked: the organization opted out' },
  'link-limit': { id: getTranslation('reason.link-limit'), defaultMessage: 'The article has reached its link limit' },
  'article-autolink-off': { id: getTranslation('reason.article-autolink-off'), defaultMessage: 'Automatic links are off for this article' },
  'inside-link': { id: getTranslation('reason.inside-link'), defaultMessage: 'Already inside a link you made' },
  'crosses-formatting': { id: getTranslation('reason.crosses-formatting'), defaultMessage: 'The name runs across formatting' },
  'linked-by-editor': { id: getTranslation('reason.linked-by-editor'), defaultMessage: 'You linked it yourself elsewhere in the article' },
};

/** Why an acronym found alone is not linked, in the editor's words. */
export const POSSIBLE_REASONS: Record<PossibleReason, MessageDescriptor> = {
  'short-acronym': {
    id: getTranslation('possible.short-acronym'),
    defaultMessage: 'A short acronym: linked once the article also names the organization in full',
  },
  'folded-acronym': {
    id: getTranslation('possible.folded-acronym'),
    defaultMessage: 'Spelled differently from the directory: linked once the article also names the organization in full',
  },
  'acronym-never-alone': {
    id: getTranslation('possible.acronym-never-alone'),
    defaultMessage: 'The directory says this acronym is never linked alone: name the organization in full',
  },
};

export type PanelState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; analysis: Analysis; refreshing: boolean };

export interface PanelViewProps {
  state: PanelState;
  /** Where an organization's directory entry opens in the admin. */
  organizationHref: (documentId: string) => string;
  onToggleIgnore: (organization: OrganizationSummary) => void;
  onChoose: (text: string, organization: string | null) => void;
  onAddToDirectory: (suggestion: Suggestion) => void;
  onRefresh: () => void;
  /** Names being added to the directory right now, and the last error doing it. */
  adding?: string[];
  addError?: string | null;
}

/** Buttons keep their words on one line (Chinese would otherwise break mid-word). */
const NO_WRAP = { whiteSpace: 'nowrap', flexShrink: 0 } as const;

/** What saving does to an organization's link, in words: the stored value against the saved one. */
const linkStatus = (organization: OrganizationSummary, formatMessage: ReturnType<typeof useIntl>['formatMessage']): string => {
  const reason = () => formatMessage(organization.reason ? REASONS[organization.reason] : { id: getTranslation('panel.not-linked'), defaultMessage: 'Not linked' });
  switch (organization.link) {
    case 'present':
      return formatMessage({ id: getTranslation('panel.link-present'), defaultMessage: 'Linked' });
    case 'added':
      return formatMessage({ id: getTranslation('panel.linked'), defaultMessage: 'Will be linked' });
    case 'removed':
      return formatMessage({ id: getTranslation('panel.link-removed'), defaultMessage: 'Link will be removed: {reason}' }, { reason: reason() });
    default:
      return reason();
  }
};

// Entries open in a new tab: the article being written keeps its unsaved changes.
const OrganizationRow = ({ organization, href, onToggleIgnore }: { organization: OrganizationSummary; href: string; onToggleIgnore: () => void }) => {
  const { formatMessage } = useIntl();
  return (
    <Box tag="li" paddingTop={2} paddingBottom={2} borderColor="neutral150" borderStyle="solid" borderWidth="0 0 1px 0" data-testid="org-linker-organization">
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Link
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          endIcon={<ExternalLink width="1.2rem" height="1.2rem" style={{ flexShrink: 0 }} aria-hidden data-testid="org-linker-external" />}
        >
          <Typography fontWeight="semiBold" textColor="neutral800">
            {organization.name}
            {organization.acronym ? ` (${organization.acronym})` : ''}
          </Typography>
        </Link>
        <Flex justifyContent="space-between" gap={2} alignItems="flex-start">
          <Flex direction="column" alignItems="flex-start">
            <Typography
              variant="pi"
              textColor={organization.link === 'removed' ? 'warning600' : organization.linked ? 'success600' : 'neutral600'}
              data-testid="org-linker-status"
              data-link={organization.link}
            >
              {linkStatus(organization, formatMessage)}
            </Typography>
            <Typography variant="pi" textColor="neutral500" data-testid="org-linker-count">
              {formatMessage({ id: getTranslation('panel.mentions'), defaultMessage: '{count, plural, one {# mention} other {# mentions}}' }, { count: organization.count })}
            </Typography>
          </Flex>
          <TextButton onClick={onToggleIgnore} startIcon={organization.ignored ? <Eye /> : <EyeStriked />} style={NO_WRAP}>
            {organization.ignored
              ? formatMessage({ id: getTranslation('panel.unignore'), defaultMessage: 'Un-ignore' })
              : formatMessage({ id: getTranslation('panel.ignore'), defaultMessage: 'Ignore' })}
          </TextButton>
        </Flex>
      </Flex>
    </Box>
  );
};

/** What the organization panel shows, for each state of its preview. */
export const PanelView = ({ state, organizationHref, onToggleIgnore, onChoose, onAddToDirectory, onRefresh, adding = [], addError }: PanelViewProps) => {
  const { formatMessage } = useIntl();

  if (state.status === 'loading') {
    return (
      <Flex justifyContent="center" padding={2}>
        <Loader small>{formatMessage({ id: getTranslation('panel.loading'), defaultMessage: 'Looking for organizations…' })}</Loader>
      </Flex>
    );
  }

  const refresh = (
    <TextButton onClick={onRefresh} startIcon={<ArrowClockwise />} disabled={state.status === 'ready' && state.refreshing} style={NO_WRAP}>
      {formatMessage({ id: getTranslation('panel.refresh'), defaultMessage: 'Scan again' })}
    </TextButton>
  );

  if (state.status === 'error') {
    return (
      <Flex direction="column" alignItems="stretch" gap={2} role="alert" data-testid="org-linker-error">
        <Typography textColor="danger600">
          {formatMessage(
            { id: getTranslation('panel.error'), defaultMessage: 'The organizations could not be checked: {message}. You can still save.' },
            { message: state.message }
          )}
        </Typography>
        {refresh}
      </Flex>
    );
  }

  const { organizations, ambiguous, suggestions } = state.analysis;
  const possible = state.analysis.possible ?? [];
  const linked = organizations.filter((organization) => organization.linked).length;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="org-linker-panel">
      <Flex justifyContent="space-between" gap={2}>
        <Typography variant="pi" textColor="neutral600" data-testid="org-linker-summary">
          {organizations.length === 0
            ? formatMessage({ id: getTranslation('panel.none'), defaultMessage: 'No organization of the directory is named in the text yet.' })
            : formatMessage(
                {
                  id: getTranslation('panel.summary'),
                  defaultMessage: '{count, plural, one {# organization named} other {# organizations named}}, {linked} linked',
                },
                { count: organizations.length, linked }
              )}
        </Typography>
        {refresh}
      </Flex>

      {organizations.length > 0 ? (
        <Box tag="ul">
          {organizations.map((organization) => (
            <OrganizationRow
              key={organization.documentId}
              organization={organization}
              href={organizationHref(organization.documentId)}
              onToggleIgnore={() => onToggleIgnore(organization)}
            />
          ))}
        </Box>
      ) : null}

      {ambiguous.length > 0 ? (
        <Flex direction="column" alignItems="stretch" gap={2} data-testid="org-linker-ambiguous">
          <Typography variant="sigma" textColor="neutral600">
            {formatMessage({ id: getTranslation('panel.ambiguous.title'), defaultMessage: 'Which organization?' })}
          </Typography>
          {ambiguous.map((name) => (
            <Field.Root key={`${name.text}-${name.start}`} name={`org-linker-choice-${name.text}`}>
              <Field.Label>
                {formatMessage({ id: getTranslation('panel.ambiguous.label'), defaultMessage: '“{text}” can mean several organizations' }, { text: name.text })}
              </Field.Label>
              <SingleSelect
                placeholder={formatMessage({ id: getTranslation('panel.ambiguous.placeholder'), defaultMessage: 'Not linked until you choose' })}
                value={name.chosen ?? ''}
                onChange={(value: string | number) => onChoose(name.text, value ? String(value) : null)}
                onClear={() => onChoose(name.text, null)}
              >
                {name.candidates.map((candidate) => (
                  <SingleSelectOption key={candidate.documentId} value={candidate.documentId}>
                    {candidate.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          ))}
        </Flex>
      ) : null}

      {possible.length > 0 ? (
        <Flex direction="column" alignItems="stretch" gap={2} data-testid="org-linker-possible">
          <Typography variant="sigma" textColor="neutral600">
            {formatMessage({ id: getTranslation('panel.possible.title'), defaultMessage: 'Possible mentions (not linked)' })}
          </Typography>
          <Box tag="ul">
            {possible.map((mention) => (
              <Box tag="li" key={`${mention.documentId}-${mention.text}`} paddingTop={1} paddingBottom={1} data-testid="org-linker-possible-mention">
                <Link href={organizationHref(mention.documentId)} isExternal>
                  <Typography fontWeight="semiBold" textColor="neutral800">
                    {formatMessage({ id: getTranslation('panel.possible.mention'), defaultMessage: '“{text}”: {name}?' }, { text: mention.text, name: mention.name })}
                  </Typography>
                </Link>
                <Typography variant="pi" textColor="neutral600" tag="p" data-testid="org-linker-possible-reason">
                  {formatMessage(POSSIBLE_REASONS[mention.reason])}
                </Typography>
              </Box>
            ))}
          </Box>
        </Flex>
      ) : null}

      {suggestions.length > 0 ? (
        <Flex direction="column" alignItems="stretch" gap={2} data-testid="org-linker-suggestions">
          <Typography variant="sigma" textColor="neutral600">
            {formatMessage({ id: getTranslation('panel.suggestions.title'), defaultMessage: 'Not in the directory yet' })}
          </Typography>
          {suggestions.map((suggestion) => (
            <Flex key={suggestion.text} justifyContent="space-between" gap={2} data-testid="org-linker-suggestion">
              <Typography>
                {suggestion.text}
                {suggestion.acronym ? ` (${suggestion.acronym})` : ''}
              </Typography>
              <Button size="S" variant="secondary" startIcon={<Plus />} style={NO_WRAP} loading={adding.includes(suggestion.text)} onClick={() => onAddToDirectory(suggestion)}>
                {formatMessage({ id: getTranslation('panel.suggestions.add'), defaultMessage: 'Add to directory' })}
              </Button>
            </Flex>
          ))}
          {addError ? (
            <Typography variant="pi" textColor="danger600" role="alert">
              {addError}
            </Typography>
          ) : null}
          <Typography variant="pi" textColor="neutral600">
            {formatMessage({
              id: getTranslation('panel.suggestions.hint'),
              defaultMessage: 'A new entry opens as a draft in a new tab; once it is published, scan again to link it.',
            })}
          </Typography>
        </Flex>
      ) : null}
    </Flex>
  );
};
