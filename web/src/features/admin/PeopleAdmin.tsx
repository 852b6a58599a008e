import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agent, Department } from '../../app/api-types.ts';
import { PersonAvatar } from '../../app/ui/AgentAvatar.tsx';
import { DialogActions } from '../../app/ui/DialogActions.tsx';
import { LoadingLines } from '../../app/ui/States.tsx';
import { usePeople } from '../lookups/useLookups.ts';
import {
  type AgentInput,
  createAgent,
  createDepartment,
  type DepartmentInput,
  updateAgent,
  updateDepartment,
} from './api.ts';
import { RecordsTable } from './RecordsTable.tsx';
import { useAdminMutation } from './useAdminMutation.ts';

const ROLES = ['agent', 'supervisor', 'admin'] as const;

/** Agents: role, departments, initials (used on time entries), active or not. */
export function AgentsAdmin() {
  const { t } = useTranslation();
  const { agents, departmentById } = usePeople();
  const [editing, setEditing] = useState<Agent | 'new' | null>(null);
  if (agents.length === 0) return <LoadingLines />;
  return (
    <>
      <RecordsTable
        intro={t('admin.agents.intro')}
        newLabel={t('admin.agents.new')}
        label={t('admin.sections.agents')}
        minWidth={720}
        rows={agents}
        editLabel={(agent) => t('admin.agents.edit', { name: agent.name })}
        onNew={() => setEditing('new')}
        onEdit={setEditing}
        columns={[
          {
            header: t('admin.agents.name'),
            cell: (agent) => (
              <Group gap="sm" wrap="nowrap">
                <PersonAvatar name={agent.name} initials={agent.initials} id={agent.id} size={30} tooltip={false} />
                <div>
                  <Text fz="sm" fw={600}>
                    {agent.name}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {agent.email}
                  </Text>
                </div>
              </Group>
            ),
          },
          {
            header: t('admin.agents.role'),
            cell: (agent) => (
              <Badge
                variant="light"
                color={agent.role === 'admin' ? 'grape' : agent.role === 'supervisor' ? 'indigo' : 'gray'}
              >
                {t(`user.roles.${agent.role}`)}
              </Badge>
            ),
          },
          {
            header: t('admin.agents.departments'),
            cell: (agent) => (
              <Text fz="sm">
                {agent.departmentIds.map((id) => departmentById.get(id)?.name ?? id).join(', ') || '—'}
              </Text>
            ),
          },
        ]}
      />
      <AgentModal agent={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function AgentModal({ agent, onClose }: { agent: Agent | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { departments } = usePeople();
  const existing = agent && agent !== 'new' ? agent : null;
  const [form, setForm] = useState<AgentInput>({ name: '', email: '', role: 'agent', departmentIds: [] });
  const [generated, setGenerated] = useState<string | null>(null);

  useEffect(() => {
    if (!agent) return;
    setGenerated(null);
    setForm(
      existing
        ? {
            name: existing.name,
            email: existing.email,
            initials: existing.initials,
            role: existing.role,
            departmentIds: existing.departmentIds,
            active: existing.active,
          }
        : { name: '', email: '', role: 'agent', departmentIds: [], password: '' },
    );
  }, [agent, existing]);

  const save = useAdminMutation(
    async (input: AgentInput) => {
      if (existing) return { agent: await updateAgent(existing.id, input), generatedPassword: null };
      return createAgent(input);
    },
    {
      onSuccess: (result) => {
        if (result.generatedPassword) setGenerated(result.generatedPassword);
        else onClose();
      },
    },
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const { password, ...rest } = form;
    save.mutate({ ...rest, ...(password ? { password } : {}) });
  }

  return (
    <Modal opened={agent !== null} onClose={onClose} title={existing ? existing.name : t('admin.agents.new')} centered>
      {generated ? (
        <Stack gap="sm">
          <Alert color="teal" variant="light" title={t('admin.agents.created')}>
            {t('admin.agents.passwordOnce')}
          </Alert>
          <Group gap="xs">
            <Code fz="md">{generated}</Code>
            <CopyButton value={generated}>
              {({ copied, copy }) => (
                <Button
                  size="xs"
                  variant="light"
                  onClick={copy}
                  leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                >
                  {copied ? t('admin.copied') : t('admin.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
            <TextInput
              label={t('admin.agents.name')}
              required
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
              data-autofocus
            />
            <TextInput
              label={t('admin.agents.email')}
              type="email"
              required
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            />
            <Group grow>
              <TextInput
                label={t('admin.agents.initials')}
                description={t('admin.agents.initialsHint')}
                maxLength={6}
                value={form.initials ?? ''}
                onChange={(e) => setForm({ ...form, initials: e.currentTarget.value.toUpperCase() || undefined })}
              />
              <Select
                label={t('admin.agents.role')}
                allowDeselect={false}
                value={form.role}
                onChange={(v) => v && setForm({ ...form, role: v as Agent['role'] })}
                data={ROLES.map((r) => ({ value: r, label: t(`user.roles.${r}`) }))}
              />
            </Group>
            <MultiSelect
              label={t('admin.agents.departments')}
              value={form.departmentIds}
              onChange={(departmentIds) => setForm({ ...form, departmentIds })}
              data={departments.map((d) => ({ value: d.id, label: d.name }))}
              searchable
            />
            {existing ? (
              <Switch
                label={t('admin.active')}
                checked={form.active ?? true}
                onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })}
              />
            ) : (
              <PasswordInput
                label={t('admin.agents.password')}
                description={t('admin.agents.passwordHint')}
                value={form.password ?? ''}
                onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
              />
            )}
            <DialogActions onCancel={onClose} submitLabel={t('common.save')} loading={save.isPending} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** Departments (weknow: Soporte Técnico external; Educación, Capacitación, Sistemas internal). */
export function DepartmentsAdmin() {
  const { t } = useTranslation();
  const { departments } = usePeople();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  return (
    <>
      <RecordsTable
        intro={t('admin.departments.intro')}
        newLabel={t('admin.departments.new')}
        label={t('admin.sections.departments')}
        minWidth={640}
        rows={departments}
        editLabel={(d) => t('admin.departments.edit', { name: d.name })}
        onNew={() => setEditing('new')}
        onEdit={setEditing}
        columns={[
          {
            header: t('admin.departments.name'),
            cell: (d) => (
              <Text fz="sm" fw={600}>
                {d.name}
              </Text>
            ),
          },
          {
            header: t('admin.departments.kind'),
            cell: (d) => (
              <Badge variant="light" color={d.kind === 'external' ? 'indigo' : 'gray'}>
                {t(`admin.departments.kinds.${d.kind}`)}
              </Badge>
            ),
          },
          { header: t('admin.departments.timeZone'), cell: (d) => <Text fz="sm">{d.timeZone}</Text> },
          { header: t('admin.departments.email'), cell: (d) => <Text fz="sm">{d.email ?? '—'}</Text> },
        ]}
      />
      <DepartmentModal department={editing} onClose={() => setEditing(null)} />
    </>
  );
}

const TIME_ZONES = [
  'America/Costa_Rica',
  'America/Mexico_City',
  'America/Guatemala',
  'America/El_Salvador',
  'America/Tegucigalpa',
  'America/Managua',
  'America/Panama',
  'America/Bogota',
  'America/Lima',
  'America/Santiago',
  'America/Argentina/Buenos_Aires',
  'America/Santo_Domingo',
  'Europe/Madrid',
  'UTC',
];

function DepartmentModal({ department, onClose }: { department: Department | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const existing = department && department !== 'new' ? department : null;
  const [form, setForm] = useState<DepartmentInput>({
    name: '',
    kind: 'external',
    timeZone: 'America/Costa_Rica',
    email: null,
  });
  useEffect(() => {
    if (!department) return;
    setForm(
      existing
        ? {
            name: existing.name,
            kind: existing.kind,
            timeZone: existing.timeZone,
            email: existing.email,
            active: existing.active,
            entitlement: existing.entitlement,
          }
        : { name: '', kind: 'external', timeZone: 'America/Costa_Rica', email: null },
    );
  }, [department, existing]);
  const save = useAdminMutation(
    (input: DepartmentInput) => (existing ? updateDepartment(existing.id, input) : createDepartment(input)),
    { onSuccess: onClose },
  );
  const zones = TIME_ZONES.includes(form.timeZone) ? TIME_ZONES : [form.timeZone, ...TIME_ZONES];

  return (
    <Modal
      opened={department !== null}
      onClose={onClose}
      title={existing ? existing.name : t('admin.departments.new')}
      centered
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ ...form, name: form.name.trim(), email: form.email?.trim() || null });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('admin.departments.name')}
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            data-autofocus
          />
          <Group grow>
            <Select
              label={t('admin.departments.kind')}
              allowDeselect={false}
              value={form.kind}
              onChange={(v) => v && setForm({ ...form, kind: v as Department['kind'] })}
              data={[
                { value: 'external', label: t('admin.departments.kinds.external') },
                { value: 'internal', label: t('admin.departments.kinds.internal') },
              ]}
            />
            <Select
              label={t('admin.departments.timeZone')}
              searchable
              allowDeselect={false}
              value={form.timeZone}
              onChange={(v) => v && setForm({ ...form, timeZone: v })}
              data={zones}
            />
          </Group>
          <TextInput
            label={t('admin.departments.email')}
            type="email"
            value={form.email ?? ''}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
          />
          <Select
            label={t('admin.departments.entitlement')}
            description={t('admin.departments.entitlementHint')}
            allowDeselect={false}
            value={form.entitlement ?? 'global'}
            onChange={(v) =>
              v && setForm({ ...form, entitlement: v === 'global' ? null : (v as Department['entitlement']) })
            }
            data={[
              { value: 'global', label: t('admin.departments.entitlementGlobal') },
              { value: 'open', label: t('contracts.entitlement.open') },
              { value: 'contract_required', label: t('contracts.entitlement.contract_required') },
            ]}
          />
          {existing && (
            <Switch
              label={t('admin.active')}
              checked={form.active ?? true}
              onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })}
            />
          )}
          <DialogActions onCancel={onClose} submitLabel={t('common.save')} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
