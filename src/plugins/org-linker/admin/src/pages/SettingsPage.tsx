import * as React from 'react';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Checkbox, Field, Flex, Grid, NumberInput, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { ACTIONS, type GetSettings, type Settings } from '../../../shared/contracts';
import { errorMessage, fieldErrors, useOrgLinkerApi } from '../utils/api';
import { getTranslation } from '../utils/getTranslation';

const EXAMPLE_SLUG = 'chinese-academy-of-sciences';

/** The URL a link to the example organization would get, or null when the template has no {slug}. */
export const exampleUrl = (template: string): string | null => (template.includes('{slug}') ? template.split('{slug}').join(EXAMPLE_SLUG) : null);

const SettingsForm = ({ initial, available, onSaved }: { initial: Settings; available: GetSettings.Response['data']['available']; onSaved: (settings: Settings) => void }) => {
  const { formatMessage } = useIntl();
  const api = useOrgLinkerApi();
  const { toggleNotification } = useNotification();
  const [settings, setSettings] = React.useState<Settings>(initial);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [saving, setSaving] = React.useState(false);
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);

  const set = <Key extends keyof Settings>(key: Key, value: Settings[Key]) => setSettings((current) => ({ ...current, [key]: value }));
  const scannedFields = (uid: string) => settings.contentTypes.find((scanned) => scanned.uid === uid)?.fields ?? [];
  const toggleField = (uid: string, field: string, on: boolean) => {
    const others = settings.contentTypes.filter((scanned) => scanned.uid !== uid);
    const fields = on ? [...new Set([...scannedFields(uid), field])] : scannedFields(uid).filter((name) => name !== field);
    set('contentTypes', fields.length > 0 ? [...others, { uid, fields }] : others);
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    try {
      const saved = await api.updateSettings(settings);
      onSaved(saved.settings);
      toggleNotification({ type: 'success', message: t('settings.saved', 'Settings saved. Run a relink to apply them to existing articles.') });
    } catch (error) {
      setErrors(fieldErrors(error));
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  const example = exampleUrl(settings.urlTemplate);
  return (
    <form onSubmit={(event) => void save(event)}>
      <Layouts.Header
        title={t('settings.title', 'Organization linker')}
        subtitle={t('settings.subtitle', 'How articles link the organizations they name')}
        primaryAction={
          <Button type="submit" startIcon={<Check />} loading={saving}>
            {t('settings.save', 'Save')}
          </Button>
        }
      />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <Grid.Root gap={6}>
            <Grid.Item col={6} s={12}>
              <Field.Root name="mode" error={errors.mode} hint={t('settings.mode.hint', 'Linking every mention makes long articles busy.')}>
                <Field.Label>{t('settings.mode.label', 'Which mentions are linked')}</Field.Label>
                <SingleSelect value={settings.mode} onChange={(value: string | number) => set('mode', value === 'all' ? 'all' : 'first')}>
                  <SingleSelectOption value="first">{t('settings.mode.first', 'The first mention of each organization')}</SingleSelectOption>
                  <SingleSelectOption value="all">{t('settings.mode.all', 'Every mention')}</SingleSelectOption>
                </SingleSelect>
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <Field.Root name="maxLinks" error={errors.maxLinks} hint={t('settings.maxLinks.hint', 'Leave empty for no limit.')}>
                <Field.Label>{t('settings.maxLinks.label', 'Maximum links per article')}</Field.Label>
                <NumberInput value={settings.maxLinks ?? undefined} onValueChange={(value: number | undefined) => set('maxLinks', value ?? null)} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <Field.Root name="linkInHeadings" error={errors.linkInHeadings}>
                {/* A checkbox with a neutral sentence: a Toggle showed "NO" in red, as if an error. */}
                <Checkbox checked={settings.linkInHeadings} onCheckedChange={(checked) => set('linkInHeadings', checked === true)}>
                  {t('settings.linkInHeadings.label', 'Also link organizations named in headings')}
                </Checkbox>
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <Field.Root
                name="urlTemplate"
                error={errors.urlTemplate}
                hint={
                  example
                    ? t('settings.urlTemplate.example', 'Example: {url}', { url: example })
                    : t('settings.urlTemplate.missing', 'The template must contain {slug}.', { slug: '{slug}' })
                }
              >
                <Field.Label>{t('settings.urlTemplate.label', 'Link address')}</Field.Label>
                <TextInput value={settings.urlTemplate} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set('urlTemplate', event.target.value)} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <Typography variant="sigma" textColor="neutral600">
                {t('settings.contentTypes.label', 'Scanned content types and fields')}
              </Typography>
              {errors.contentTypes ? (
                <Typography variant="pi" textColor="danger600">
                  {errors.contentTypes}
                </Typography>
              ) : null}
              <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
                {available.map((contentType) => (
                  <Flex key={contentType.uid} gap={4} wrap="wrap">
                    {/* The app's own translation keys of a content type and its fields (as the Content Manager reads them). */}
                    <Typography fontWeight="semiBold">{formatMessage({ id: contentType.displayName, defaultMessage: contentType.displayName })}</Typography>
                    {contentType.fields.map((field) => (
                      <Checkbox
                        key={field.name}
                        checked={scannedFields(contentType.uid).includes(field.name)}
                        onCheckedChange={(checked: boolean | 'indeterminate') => toggleField(contentType.uid, field.name, checked === true)}
                      >
                        {formatMessage({ id: `content-manager.content-types.${contentType.uid}.${field.name}`, defaultMessage: field.name })}
                      </Checkbox>
                    ))}
                  </Flex>
                ))}
              </Flex>
            </Grid.Item>
          </Grid.Root>
        </Box>
      </Layouts.Content>
    </form>
  );
};

export const SettingsPage = () => {
  const api = useOrgLinkerApi();
  const { formatMessage } = useIntl();
  const [data, setData] = React.useState<GetSettings.Response['data'] | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    api.settings().then(setData, (reason: unknown) => setError(errorMessage(reason)));
  }, [api]);

  return (
    <Page.Main>
      <Page.Title>{formatMessage({ id: getTranslation('settings.title'), defaultMessage: 'Organization linker' })}</Page.Title>
      {error ? (
        <Page.Error />
      ) : !data ? (
        <Page.Loading />
      ) : (
        <SettingsForm initial={data.settings} available={data.available} onSaved={(settings) => setData({ ...data, settings })} />
      )}
    </Page.Main>
  );
};

/** Only with the plugin's settings permission. */
export const ProtectedSettingsPage = () => (
  <Page.Protect permissions={[{ action: ACTIONS.settings, subject: null }]}>
    <SettingsPage />
  </Page.Protect>
);

export default ProtectedSettingsPage;
