import { Button, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message.ts';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { createKbCategory, deleteKbCategory, type KbCategory, kbKeys, updateKbCategory } from './api.ts';

type Props = {
  opened: boolean;
  /** The category being edited; null creates one. */
  category: KbCategory | null;
  categories: KbCategory[];
  onClose: () => void;
};

/** Create, rename, move (under a top-level category: they nest one level) or delete an empty category. */
export function CategoryModal({ opened, category, categories, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [position, setPosition] = useState<number | ''>(0);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setName(category?.name ?? '');
    setParentId(category?.parentId ?? null);
    setDescription(category?.description ?? '');
    setPosition(category?.position ?? 0);
    setTried(false);
  }, [opened, category]);

  const done = (message: string) => {
    notifications.show({ color: 'teal', message });
    void queryClient.invalidateQueries({ queryKey: kbKeys.all });
    onClose();
  };
  const save = useMutation({
    mutationFn: () => {
      const input = { name: name.trim(), parentId, description, position: position === '' ? 0 : position };
      return category ? updateKbCategory(category.id, input) : createKbCategory(input);
    },
    onSuccess: (saved) => done(t('kb.categories.saved', { name: saved.name })),
  });
  const remove = useMutation({
    mutationFn: () => deleteKbCategory(category?.id ?? ''),
    onSuccess: () => done(t('kb.categories.deleted', { name: category?.name ?? '' })),
  });

  // Only a top-level category can hold others, and not itself.
  const parents = categories
    .filter((c) => c.parentId === null && c.id !== category?.id)
    .map((c) => ({ value: c.id, label: c.name }));
  const hasChildren = category !== null && categories.some((c) => c.parentId === category.id);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (name.trim()) save.mutate();
  }

  const failure = save.error ?? remove.error;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={category ? t('kb.categories.editTitle') : t('kb.categories.new')}
      centered
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('kb.categories.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={tried && !name.trim() ? t('kb.categories.nameRequired') : undefined}
            required
            data-autofocus
          />
          <Select
            label={t('kb.categories.parent')}
            placeholder={t('kb.categories.topLevel')}
            description={hasChildren ? t('kb.categories.hasChildren') : undefined}
            data={parents}
            value={parentId}
            onChange={setParentId}
            clearable
            disabled={hasChildren}
          />
          <Textarea
            label={t('kb.categories.description')}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            autosize
            minRows={2}
          />
          <NumberField
            label={t('kb.fields.position')}
            description={t('kb.fields.positionHint')}
            value={position}
            onChange={setPosition}
            min={0}
          />
          {category && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => remove.mutate()}
              loading={remove.isPending}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('kb.categories.delete')}
            </Button>
          )}
          <DialogActions
            error={failure ? errorMessage(t, failure) : null}
            onCancel={onClose}
            submitLabel={t('common.save')}
            loading={save.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
