import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../app/api.ts';
import { errorMessage } from '../app/error-message.ts';
import { DateField } from '../app/ui/DateFields.tsx';
import { LoadError } from '../app/ui/States.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { ArticleSuggestions } from './ArticleSuggestions.tsx';
import { AttachmentPicker, oversized } from './AttachmentPicker.tsx';
import {
  createPortalTicket,
  fetchPortalOptions,
  PORTAL_PRIORITIES,
  type PortalField,
  type PortalPriority,
  portalTicketsKey,
} from './tickets-api.ts';

type Errors = { subject?: string; description?: string; fields?: Record<string, string> };

function blank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** "Nuevo ticket": what the customer needs, in the types and categories admins offer them. */
export function PortalNewTicketPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.newTicket.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const options = useQuery({
    queryKey: ['portal', 'ticket-options'],
    queryFn: ({ signal }) => fetchPortalOptions(signal),
  });
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<PortalPriority>('normal');
  const [typeId, setTypeId] = useState<string | null>(null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Errors>({});

  const type = options.data?.types.find((item) => item.id === typeId);
  const create = useMutation({
    mutationFn: createPortalTicket,
    onSuccess: (ticket) => {
      toasts.show({ color: 'teal', message: t('portal.newTicket.created', { number: ticket.number }) });
      void queryClient.invalidateQueries({ queryKey: portalTicketsKey });
      void navigate({ to: '/portal/tickets/$number', params: { number: ticket.number } });
    },
  });

  if (options.isError)
    return <LoadError audience="customer" error={options.error} onRetry={() => void options.refetch()} />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = Object.fromEntries(
      (type?.fields ?? [])
        .filter((field) => field.required && blank(values[field.key]))
        .map((field) => [field.key, t('portal.newTicket.fieldRequired')]),
    );
    const found: Errors = {
      ...(!subject.trim() && { subject: t('portal.newTicket.subjectRequired') }),
      ...(!description.trim() && { description: t('portal.newTicket.descriptionRequired') }),
      ...(Object.keys(missing).length > 0 && { fields: missing }),
    };
    setErrors(found);
    if (found.subject || found.description || found.fields) return;
    if (oversized(files, options.data?.attachmentLimitBytes).length > 0) return;
    // Only the chosen type's own fields go: a value left from another type would be refused.
    const customFields = Object.fromEntries(
      (type?.fields ?? []).filter((f) => !blank(values[f.key])).map((f) => [f.key, values[f.key]]),
    );
    create.mutate({
      subject: subject.trim(),
      description: description.trim(),
      priority,
      ...(typeId && { type: typeId }),
      ...(categoryId && { category: categoryId }),
      ...(Object.keys(customFields).length > 0 && { customFields }),
      files,
    });
  }

  const types = options.data?.types ?? [];
  const categories = options.data?.categories ?? [];
  return (
    <Stack gap="md" maw={760}>
      <div>
        <Title order={1} fz={26}>
          {t('portal.newTicket.title')}
        </Title>
        <Text c="dimmed">{t('portal.newTicket.intro')}</Text>
      </div>
      <Paper withBorder radius="md" p="md">
        <form noValidate onSubmit={onSubmit} aria-label={t('portal.newTicket.title')}>
          <Stack gap="sm">
            {create.isError && (
              <Alert
                role="alert"
                color={isApiError(create.error) && create.error.code === 'CONTRACT_REQUIRED' ? 'yellow' : 'red'}
                variant="light"
              >
                {errorMessage(t, create.error, 'customer')}
              </Alert>
            )}
            <TextInput
              label={t('portal.newTicket.subject')}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              error={errors.subject}
              maxLength={500}
              required
            />
            <ArticleSuggestions subject={subject} />
            <Textarea
              label={t('portal.newTicket.description')}
              description={t('portal.newTicket.descriptionHint')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={errors.description}
              autosize
              minRows={5}
              required
            />
            <SimpleGrid cols={{ base: 1, sm: types.length > 0 || categories.length > 0 ? 3 : 1 }} spacing="sm">
              <Select
                label={t('ticket.fields.priority')}
                data={PORTAL_PRIORITIES.map((value) => ({ value, label: t(`ticket.priority.${value}`) }))}
                value={priority}
                onChange={(value) => setPriority((value as PortalPriority | null) ?? 'normal')}
                allowDeselect={false}
              />
              {types.length > 0 && (
                <Select
                  label={t('ticket.fields.type')}
                  placeholder={t('portal.newTicket.choose')}
                  data={types.map((item) => ({ value: item.id, label: item.name }))}
                  value={typeId}
                  onChange={setTypeId}
                  clearable
                />
              )}
              {categories.length > 0 && (
                <Select
                  label={t('ticket.fields.category')}
                  placeholder={t('portal.newTicket.choose')}
                  data={categories.map((item) => ({ value: item.id, label: item.name }))}
                  value={categoryId}
                  onChange={setCategoryId}
                  clearable
                />
              )}
            </SimpleGrid>
            {type?.fields.map((field) => (
              <FieldInput
                key={field.key}
                field={field}
                value={values[field.key]}
                error={errors.fields?.[field.key]}
                onChange={(value) => setValues((current) => ({ ...current, [field.key]: value }))}
              />
            ))}
            <AttachmentPicker files={files} onChange={setFiles} limitBytes={options.data?.attachmentLimitBytes} />
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending} disabled={!options.data}>
                {t('portal.newTicket.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

/** One custom field of the chosen type, in the input its kind needs. */
function FieldInput({
  field,
  value,
  error,
  onChange,
}: {
  field: PortalField;
  value: unknown;
  error: string | undefined;
  onChange: (value: unknown) => void;
}) {
  const common = { label: field.label, required: field.required, error };
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'long_text':
      return (
        <Textarea {...common} autosize minRows={3} value={text} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
        />
      );
    case 'date':
      return <DateField {...common} value={text} onChange={onChange} />;
    case 'select':
      return <Select {...common} clearable data={field.options} value={text || null} onChange={onChange} />;
    case 'multi_select':
      return (
        <MultiSelect
          {...common}
          clearable
          data={field.options}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={onChange}
        />
      );
    case 'checkbox':
      return (
        <Checkbox
          label={field.label}
          error={error}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
    default:
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}
