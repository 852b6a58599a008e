import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../../app/ui/NumberField.tsx';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import { fetchOrganizations, organizationKeys, organizationQuery } from '../organizations/api.ts';
import { type AccountLimit, automationKeys, setAccountLimit } from './api.ts';
import { accountLimitsQuery } from './queries.ts';

/**
 * 003 (OpenPyme): how many tickets of each type an organization may have in work at once. Soporte
 * is one at a time everywhere; Cambio is one in general accounts and the agreed number in special
 * ones, set here; each row says which rule limits its type.
 */
export function AccountLimitsAdmin() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { organization: organizationId } = useSearch({ from: '/console/admin/account-limits' });
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: organizationKeys.list(debounced),
    queryFn: ({ signal }) => fetchOrganizations(debounced, { signal }),
  });
  // The chosen one may not be among the first answers; its own record keeps its name in the field.
  const chosen = useQuery({ ...organizationQuery(organizationId ?? ''), enabled: !!organizationId });
  const options = new Map((found.data?.items ?? []).map((o) => [o.id, o.code ? `${o.name} (${o.code})` : o.name]));
  if (chosen.data && !options.has(chosen.data.id)) options.set(chosen.data.id, chosen.data.name);

  return (
    <Stack gap="md">
      <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden="true" />}>
        {t('automation.limits.intro')}
      </Alert>
      <Select
        label={t('automation.limits.organization')}
        placeholder={t('automation.limits.organizationPlaceholder')}
        searchable
        clearable
        data={[...options].map(([value, label]) => ({ value, label }))}
        value={organizationId ?? null}
        onChange={(id) => void navigate({ to: '/admin/account-limits', search: { organization: id ?? undefined } })}
        searchValue={search}
        onSearchChange={setSearch}
        nothingFoundMessage={found.isFetching ? t('app.loading') : t('automation.limits.noOrganizations')}
        filter={({ options: all }) => all}
        maw={480}
      />
      {organizationId ? (
        <OrganizationLimits organizationId={organizationId} />
      ) : (
        <Text c="dimmed" fz="sm">
          {t('automation.limits.pick')}
        </Text>
      )}
    </Stack>
  );
}

function OrganizationLimits({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const limits = useQuery(accountLimitsQuery(organizationId));
  if (limits.isPending) return <LoadingLines />;
  if (limits.isError) return <LoadError error={limits.error} onRetry={() => void limits.refetch()} />;
  const { tier, waiting, items } = limits.data;
  return (
    <Paper withBorder radius="md" p="md">
      <Group gap="sm" mb="sm">
        <Badge variant="light" color={tier === 'special' ? 'grape' : 'gray'}>
          {t(`organization.tier.${tier === 'special' ? 'special' : 'general'}`)}
        </Badge>
        <Text fz="sm">{t('automation.limits.waitingTotal', { count: waiting })}</Text>
      </Group>
      <Text fz="sm" c="dimmed" mb="sm">
        {tier === 'special' ? t('automation.limits.specialHint') : t('automation.limits.generalHint')}
      </Text>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="sm" aria-label={t('automation.limits.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('automation.limits.type')}</Table.Th>
              <Table.Th>{t('automation.limits.ruleColumn')}</Table.Th>
              <Table.Th>{t('automation.limits.inWork')}</Table.Th>
              <Table.Th>{t('automation.limits.waiting')}</Table.Th>
              <Table.Th>{t('automation.limits.limit')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <LimitRow key={item.typeId} organizationId={organizationId} item={item} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function LimitRow({ organizationId, item }: { organizationId: string; item: AccountLimit }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<number | ''>(item.ownLimit ?? '');
  // After a save the server's figure is the truth again.
  useEffect(() => setValue(item.ownLimit ?? ''), [item.ownLimit]);
  const save = useAdminMutation(setAccountLimit, { refresh: [[...automationKeys.accountLimits(organizationId)]] });
  const dirty = (value === '' ? null : value) !== item.ownLimit;
  const fallback =
    item.defaultLimit === null
      ? t('automation.limits.noDefault')
      : t('automation.limits.defaultGeneral', { count: item.defaultLimit });

  return (
    <Table.Tr data-type={item.type}>
      <Table.Td>
        <Text fz="sm" fw={600}>
          {item.type}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text fz="sm" c={item.rule ? undefined : 'dimmed'}>
          {t(`automation.limits.rules.${item.rule ?? 'none'}`)}
        </Text>
      </Table.Td>
      <Table.Td>{item.limit === null ? item.inWork : `${item.inWork} / ${item.limit}`}</Table.Td>
      <Table.Td>{item.waiting}</Table.Td>
      <Table.Td>
        {item.rule === 'one_by_one' ? (
          <Text fz="sm" c="dimmed">
            {t('automation.limits.fixed')}
          </Text>
        ) : (
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <NumberField
              aria-label={t('automation.limits.limitOf', { type: item.type })}
              description={item.ownLimit === null ? fallback : t('automation.limits.own')}
              placeholder={item.defaultLimit === null ? '∞' : String(item.defaultLimit)}
              min={0}
              max={1000}
              value={value}
              onChange={setValue}
              w={200}
            />
            <Button
              variant="light"
              disabled={!dirty}
              loading={save.isPending && save.variables?.maxInWork !== null}
              onClick={() => save.mutate({ organizationId, type: item.type, maxInWork: value === '' ? null : value })}
              aria-label={t('automation.limits.saveOf', { type: item.type })}
            >
              {t('common.save')}
            </Button>
            {item.ownLimit !== null && (
              <Button
                variant="subtle"
                color="gray"
                loading={save.isPending && save.variables?.maxInWork === null}
                onClick={() => save.mutate({ organizationId, type: item.type, maxInWork: null })}
                aria-label={t('automation.limits.useDefaultOf', { type: item.type })}
              >
                {t('automation.limits.useDefault')}
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
