import {
  Alert,
  Autocomplete,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconPhone, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel, PRIORITIES, type Priority } from '../../app/api-types.ts';
import { errorMessage } from '../../app/error-message.ts';
import { fromWallTime } from '../../app/time.ts';
import { DateTimeField } from '../../app/ui/DateFields.tsx';
import { useFormat } from '../../app/useFormat.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { fetchContacts } from '../contacts/api.ts';
import { activeOptions, usePeople, useTicketSettings } from '../lookups/useLookups.ts';
import { suggestOrganizations } from '../organizations/api.ts';
import { createTicket, type NewTicket } from './api.ts';
import { ticketKeys } from './queries.ts';
import { useReportRuleChanges } from './RuleChangesNotice.tsx';
import { CustomFieldInput } from './TicketProperties.tsx';

type Errors = Partial<Record<'subject' | 'body' | 'requester' | 'name' | 'contactWay', string>>;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * weknow's internal ticket (001 "Alta de nuevo ticket como as user/phone"): an agent opens a
 * ticket on behalf of a customer who called. Find the person (or add them), then subject,
 * assignee (unassigned if unclear), type, priority, tags, due date and the body written as the
 * customer would.
 */
export function NewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const reportRuleChanges = useReportRuleChanges();
  const settings = useTicketSettings();
  const { agents, departments } = usePeople();
  const format = useFormat();
  usePageTitle(t('ticket.new.title'));

  const [who, setWho] = useState<'existing' | 'new'>('existing');
  const [contactSearch, setContactSearch] = useState('');
  const [contactId, setContactId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [organization, setOrganization] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [channel, setChannel] = useState<Channel>('phone');
  // Sent only once the agent picks one: a priority left as it was is the rules' to set (issue 13).
  const [priority, setPriority] = useState<Priority | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [due, setDue] = useState('');
  const [customFields, setCustomFields] = useState<Record<string, unknown>>({});
  const typeFields = (settings?.fields ?? []).filter((f) => f.typeId === type).sort((a, b) => a.position - b.position);
  const [errors, setErrors] = useState<Errors>({});

  const [contactQuery] = useDebouncedValue(contactSearch.trim(), 200);
  const contacts = useQuery({
    queryKey: ['contacts', 'pick', contactQuery],
    queryFn: ({ signal }) => fetchContacts(contactQuery, { signal }),
    enabled: who === 'existing' && contactQuery.length > 1,
  });
  const [orgQuery] = useDebouncedValue(organization.trim(), 200);
  const organizations = useQuery({
    queryKey: ['organizations', 'suggest', orgQuery],
    queryFn: ({ signal }) => suggestOrganizations(orgQuery, signal),
    enabled: who === 'new' && orgQuery.length > 0,
  });

  const create = useMutation({
    mutationFn: (input: NewTicket) => createTicket(input),
    onSuccess: (ticket) => {
      notifications.show({ color: 'teal', message: t('ticket.new.created', { number: ticket.number }) });
      reportRuleChanges(ticket);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.views });
      void navigate({ to: '/tickets/$ticketRef', params: { ticketRef: ticket.number } });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    if (!subject.trim()) next.subject = t('ticket.new.errors.subject');
    if (!body.trim()) next.body = t('ticket.new.errors.body');
    if (who === 'existing' && !contactId) next.requester = t('ticket.new.errors.requester');
    if (who === 'new') {
      if (!name.trim()) next.name = t('ticket.new.errors.name');
      if (!phone.trim() && !email.trim()) next.contactWay = t('ticket.new.errors.contactWay');
      else if (email.trim() && !EMAIL_SHAPE.test(email.trim())) next.contactWay = t('ticket.new.errors.email');
    }
    const dueAt = due ? fromWallTime(due, format.timeZone) : null;
    setErrors(next);
    if (Object.keys(next).length > 0) return;

    const orgMatch = organizations.data?.find((o) => o.name === organization.trim());
    const input: NewTicket = {
      subject: subject.trim(),
      body: body.trim(),
      channel,
      ...(priority ? { priority } : {}),
      requester:
        who === 'existing' && contactId
          ? { id: contactId }
          : {
              name: name.trim(),
              ...(email.trim() ? { email: email.trim() } : {}),
              ...(phone.trim() ? { phone: phone.trim() } : {}),
            },
      ...(who === 'new' && organization.trim()
        ? { organization: orgMatch ? { id: orgMatch.id } : { name: organization.trim() } }
        : {}),
      ...(type ? { type } : {}),
      ...(category ? { category } : {}),
      ...(departmentId ? { departmentId } : {}),
      ...(assigneeId ? { assigneeId } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...(dueAt ? { dueAt } : {}),
      ...(typeFields.length > 0
        ? {
            customFields: pickFields(
              customFields,
              typeFields.map((f) => f.key),
            ),
          }
        : {}),
    };
    create.mutate(input);
  }

  const contactOptions = (contacts.data?.items ?? []).map((c) => ({
    value: c.id,
    label: [c.name, c.organizationName, c.phones[0]?.phone ?? c.emails[0]?.email].filter(Boolean).join(' · '),
  }));

  return (
    <Stack gap="lg" maw={980}>
      <div>
        <Title order={1} fz={{ base: 22, sm: 26 }}>
          {t('ticket.new.title')}
        </Title>
        <Text c="dimmed" fz="sm" mt={4}>
          {t('ticket.new.subtitle')}
        </Text>
      </div>

      <form onSubmit={submit} noValidate aria-label={t('ticket.new.title')}>
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <Paper withBorder radius="md" p="md">
                <Stack gap="sm">
                  <Group justify="space-between">
                    <Text fw={600}>{t('ticket.new.customer')}</Text>
                    <SegmentedControl
                      size="xs"
                      aria-label={t('ticket.new.customer')}
                      value={who}
                      onChange={(value) => setWho(value as 'existing' | 'new')}
                      data={[
                        { value: 'existing', label: t('ticket.new.existing') },
                        { value: 'new', label: t('ticket.new.newCustomer') },
                      ]}
                    />
                  </Group>
                  {who === 'existing' ? (
                    <Select
                      label={t('ticket.new.findCustomer')}
                      placeholder={t('ticket.new.findPlaceholder')}
                      searchable
                      clearable
                      data={contactOptions}
                      value={contactId}
                      onChange={setContactId}
                      searchValue={contactSearch}
                      onSearchChange={setContactSearch}
                      filter={({ options }) => options}
                      nothingFoundMessage={
                        contactQuery.length > 1 && !contacts.isFetching ? (
                          <Button
                            variant="subtle"
                            size="xs"
                            leftSection={<IconUserPlus size={14} aria-hidden="true" />}
                            onClick={() => {
                              setWho('new');
                              setName(contactSearch);
                            }}
                          >
                            {t('ticket.new.addInstead', { name: contactSearch })}
                          </Button>
                        ) : (
                          t('ticket.new.typeToSearch')
                        )
                      }
                      error={errors.requester}
                    />
                  ) : (
                    <Grid gutter="sm">
                      <Grid.Col span={12}>
                        <TextInput
                          label={t('ticket.new.name')}
                          required
                          value={name}
                          onChange={(e) => setName(e.currentTarget.value)}
                          error={errors.name}
                          autoComplete="off"
                        />
                      </Grid.Col>
                      <Grid.Col span={{ base: 12, sm: 6 }}>
                        <TextInput
                          label={t('ticket.new.phone')}
                          leftSection={<IconPhone size={16} aria-hidden="true" />}
                          type="tel"
                          value={phone}
                          onChange={(e) => setPhone(e.currentTarget.value)}
                          error={errors.contactWay}
                          autoComplete="off"
                        />
                      </Grid.Col>
                      <Grid.Col span={{ base: 12, sm: 6 }}>
                        <TextInput
                          label={t('ticket.new.email')}
                          type="email"
                          value={email}
                          onChange={(e) => setEmail(e.currentTarget.value)}
                          autoComplete="off"
                        />
                      </Grid.Col>
                      <Grid.Col span={12}>
                        <Autocomplete
                          label={t('ticket.new.organization')}
                          description={t('ticket.new.organizationHint')}
                          value={organization}
                          onChange={setOrganization}
                          data={(organizations.data ?? []).map((o) => o.name)}
                          filter={({ options }) => options}
                        />
                      </Grid.Col>
                    </Grid>
                  )}
                </Stack>
              </Paper>

              <TextInput
                label={t('ticket.fields.subject')}
                required
                value={subject}
                onChange={(e) => setSubject(e.currentTarget.value)}
                error={errors.subject}
              />
              <Textarea
                label={t('ticket.new.body')}
                description={t('ticket.new.bodyHint')}
                required
                autosize
                minRows={7}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                error={errors.body}
              />
            </Stack>
          </Grid.Col>

          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <Select
                  label={t('ticket.fields.channel')}
                  allowDeselect={false}
                  value={channel}
                  onChange={(v) => v && setChannel(v as Channel)}
                  data={CHANNELS.map((c) => ({ value: c, label: t(`ticket.channel.${c}`) }))}
                />
                <Select
                  label={t('ticket.fields.assignee')}
                  description={t('ticket.new.assigneeHint')}
                  placeholder={t('ticket.unassigned')}
                  clearable
                  searchable
                  value={assigneeId}
                  onChange={setAssigneeId}
                  data={activeOptions(agents)}
                />
                <Select
                  label={t('ticket.fields.department')}
                  clearable
                  searchable
                  value={departmentId}
                  onChange={setDepartmentId}
                  data={activeOptions(departments)}
                />
                <Group grow>
                  <Select
                    label={t('ticket.fields.type')}
                    clearable
                    value={type}
                    onChange={setType}
                    data={(settings?.types ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))}
                  />
                  <Select
                    label={t('ticket.fields.priority')}
                    allowDeselect={false}
                    value={priority}
                    placeholder={t('ticket.new.priorityByRules')}
                    onChange={(v) => v && setPriority(v as Priority)}
                    data={PRIORITIES.map((p) => ({ value: p, label: t(`ticket.priority.${p}`) }))}
                  />
                </Group>
                {typeFields.map((field) => (
                  <CustomFieldInput
                    key={field.id}
                    field={field}
                    value={customFields[field.key]}
                    onSave={(value) => setCustomFields((current) => ({ ...current, [field.key]: value }))}
                  />
                ))}
                <Select
                  label={t('ticket.fields.category')}
                  clearable
                  value={category}
                  onChange={setCategory}
                  data={(settings?.categories ?? [])
                    .filter((x) => x.active)
                    .map((x) => ({ value: x.id, label: x.name }))}
                />
                <TagsInput label={t('ticket.fields.tags')} value={tags} onChange={setTags} clearable />
                <DateTimeField
                  label={t('ticket.fields.dueAt')}
                  description={t('ticket.properties.dueHint')}
                  value={due}
                  onChange={setDue}
                />
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>

        {create.isError && (
          <Alert mt="md" color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden="true" />}>
            {errorMessage(t, create.error)}
          </Alert>
        )}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => window.history.back()}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('ticket.new.submit')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}

/** Only the values of the chosen type's fields, without empty ones. */
function pickFields(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const value = values[key];
    if (value !== undefined && value !== null && value !== '') picked[key] = value;
  }
  return picked;
}
