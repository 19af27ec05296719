import type * as React from 'react';
import { Box, Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { useClipboard, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

interface SecretDialogProps {
  endpointName: string;
  secret: string | null;
  onClose: () => void;
}

/** Shows a signing secret the one time the server returns it (after create or rotate). */
export const SecretDialog = ({ endpointName, secret, onClose }: SecretDialogProps) => {
  const { formatMessage } = useIntl();
  const { copy } = useClipboard();
  const { toggleNotification } = useNotification();
  return (
    <Modal.Root open={secret !== null} onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{formatMessage({ id: getTranslation('secret.title'), defaultMessage: 'Signing secret of {name}' }, { name: endpointName })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>
              {formatMessage({
                id: getTranslation('secret.once'),
                defaultMessage: 'Copy it now and give it to the receiver: it is shown only once. Receivers verify every request with it (Standard Webhooks).',
              })}
            </Typography>
            <Field.Root name="secret">
              <Field.Label>{formatMessage({ id: getTranslation('secret.label'), defaultMessage: 'Secret' })}</Field.Label>
              <TextInput value={secret ?? ''} readOnly onFocus={(event: React.FocusEvent<HTMLInputElement>) => event.target.select()} />
            </Field.Root>
            <Box>
              <Button
                variant="secondary"
                startIcon={<Duplicate />}
                onClick={() =>
                  void (async () => {
                    if (secret && (await copy(secret))) {
                      toggleNotification({ type: 'success', message: formatMessage({ id: getTranslation('secret.copied'), defaultMessage: 'Secret copied' }) });
                    }
                  })()
                }
              >
                {formatMessage({ id: getTranslation('secret.copy'), defaultMessage: 'Copy' })}
              </Button>
            </Box>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Box />
          <Button onClick={onClose}>{formatMessage({ id: getTranslation('secret.done'), defaultMessage: 'I have copied it' })}</Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
