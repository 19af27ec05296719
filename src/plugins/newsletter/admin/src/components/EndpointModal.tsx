import * as React from 'react';
import { Button, Checkbox, Field, Flex, Modal, Switch, TextInput, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { ARTICLE_EVENT_TYPES, createEndpointSchema, type ArticleEventType, type Endpoint } from '../../../shared/contracts';
import { fieldErrors } from '../utils/api';
import { getTranslation } from '../utils/getTranslation';

export interface EndpointFormValues {
  name: string;
  url: string;
  events: ArticleEventType[];
  enabled: boolean;
}

interface EndpointModalProps {
  /** The endpoint being edited, or null for a new one. */
  endpoint: Endpoint | null;
  open: boolean;
  onClose: () => void;
  /** Saves; a thrown 400 is shown on its fields. */
  onSubmit: (values: EndpointFormValues) => Promise<void>;
}

const EVENT_LABELS: Record<ArticleEventType, string> = {
  'article.published': 'article.published: first publication',
  'article.updated': 'article.updated: a published article changed',
  'article.unpublished': 'article.unpublished: unpublished or deleted',
};

const FIELD_ERRORS: Record<string, { id: string; defaultMessage: string }> = {
  name: { id: getTranslation('endpoint.form.error.name'), defaultMessage: 'Give the endpoint a name (at most 100 characters).' },
  url: { id: getTranslation('endpoint.form.error.url'), defaultMessage: 'Enter an http:// or https:// URL.' },
  events: { id: getTranslation('endpoint.form.error.events'), defaultMessage: 'Choose at least one event.' },
};

export const EndpointModal = ({ endpoint, open, onClose, onSubmit }: EndpointModalProps) => {
  const { formatMessage } = useIntl();
  const [values, setValues] = React.useState<EndpointFormValues>({ name: '', url: '', events: [...ARTICLE_EVENT_TYPES], enabled: true });
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [saving, setSaving] = React.useState(false);

  // The form starts over whenever the modal opens or is given another endpoint: adjusted while
  // rendering (React's pattern for state that follows a prop), not in an effect after it.
  const [shownFor, setShownFor] = React.useState<{ open: boolean; endpoint: Endpoint | null } | null>(null);
  if (shownFor === null || shownFor.open !== open || shownFor.endpoint !== endpoint) {
    setShownFor({ open, endpoint });
    if (open) {
      setValues(
        endpoint
          ? { name: endpoint.name, url: endpoint.url, events: endpoint.events, enabled: endpoint.enabled }
          : { name: '', url: '', events: [...ARTICLE_EVENT_TYPES], enabled: true }
      );
      setErrors({});
    }
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    // The server's own schema, for instant feedback; the server checks again (and resolves the host).
    const parsed = createEndpointSchema.safeParse(values);
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')));
      setErrors(Object.fromEntries([...fields].filter((field) => field in FIELD_ERRORS).map((field) => [field, formatMessage(FIELD_ERRORS[field])])));
      return;
    }
    setSaving(true);
    try {
      await onSubmit(values);
    } catch (error) {
      setErrors(fieldErrors(error));
    } finally {
      setSaving(false);
    }
  };

  const toggleEvent = (type: ArticleEventType, checked: boolean) =>
    setValues((current) => ({
      ...current,
      events: checked ? ARTICLE_EVENT_TYPES.filter((event) => event === type || current.events.includes(event)) : current.events.filter((event) => event !== type),
    }));

  return (
    <Modal.Root open={open} onOpenChange={(isOpen) => !isOpen && onClose()}>
      <Modal.Content>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Modal.Header>
            <Modal.Title>
              {endpoint
                ? formatMessage({ id: getTranslation('endpoint.form.editTitle'), defaultMessage: 'Edit endpoint' })
                : formatMessage({ id: getTranslation('endpoint.form.createTitle'), defaultMessage: 'New endpoint' })}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Field.Root name="name" error={errors.name} required>
                <Field.Label>{formatMessage({ id: getTranslation('endpoint.form.name'), defaultMessage: 'Name' })}</Field.Label>
                <TextInput value={values.name} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, name: event.target.value })} />
                <Field.Error />
              </Field.Root>
              <Field.Root
                name="url"
                error={errors.url}
                required
                hint={formatMessage({
                  id: getTranslation('endpoint.form.urlHint'),
                  defaultMessage:
                    'http(s) only. Private, loopback and cloud metadata addresses are refused unless listed in the server setting NEWSLETTER_ALLOW_PRIVATE (e.g. 10.0.0.0/8).',
                })}
              >
                <Field.Label>{formatMessage({ id: getTranslation('endpoint.form.url'), defaultMessage: 'URL' })}</Field.Label>
                <TextInput
                  type="url"
                  placeholder="https://newsletter.example.org/webhooks/newsroom"
                  value={values.url}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, url: event.target.value })}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              <Field.Root name="events" error={errors.events} required>
                <Field.Label>{formatMessage({ id: getTranslation('endpoint.form.events'), defaultMessage: 'Events' })}</Field.Label>
                <Flex direction="column" alignItems="flex-start" gap={2}>
                  {ARTICLE_EVENT_TYPES.map((type) => (
                    <Checkbox key={type} checked={values.events.includes(type)} onCheckedChange={(checked) => toggleEvent(type, checked === true)}>
                      {formatMessage({ id: getTranslation(`event.${type}`), defaultMessage: EVENT_LABELS[type] })}
                    </Checkbox>
                  ))}
                </Flex>
                <Field.Error />
              </Field.Root>
              {/* One label: the switch's own state text would repeat "Enabled" beside it. */}
              <Field.Root name="enabled">
                <Flex gap={2}>
                  <Switch
                    aria-label={formatMessage({ id: getTranslation('endpoint.form.enabled'), defaultMessage: 'Send events to this endpoint' })}
                    checked={values.enabled}
                    onCheckedChange={(checked) => setValues({ ...values, enabled: checked })}
                  />
                  <Typography variant="pi">{formatMessage({ id: getTranslation('endpoint.form.enabled'), defaultMessage: 'Send events to this endpoint' })}</Typography>
                </Flex>
              </Field.Root>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Button variant="tertiary" onClick={onClose} type="button">
              {formatMessage({ id: getTranslation('action.cancel'), defaultMessage: 'Cancel' })}
            </Button>
            <Button type="submit" loading={saving}>
              {formatMessage({ id: getTranslation('action.save'), defaultMessage: 'Save' })}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
