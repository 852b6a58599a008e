import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../app/ui/links.tsx';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useCurrentUser } from '../auth/useSession.ts';
import { accountLimitsQuery } from './queries.ts';

/** 003 on the organization's page: its limits per type, what is in work and what waits in BACKLOG. */
export function AccountLimitsSummary({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const limits = useQuery(accountLimitsQuery(organizationId));
  const limited = limits.data?.items.filter((item) => item.limit !== null) ?? [];

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="account-limits-title">
      <Title order={2} fz="sm" mb="xs" id="account-limits-title">
        {t('automation.limits.summaryTitle')}
      </Title>
      {limits.isPending ? (
        <LoadingLines lines={2} height={16} />
      ) : limits.isError ? (
        <LoadError error={limits.error} onRetry={() => void limits.refetch()} />
      ) : (
        <Stack gap={6}>
          <Text fz="sm" fw={600} data-backlog-count={limits.data.waiting}>
            {t('automation.limits.waitingTotal', { count: limits.data.waiting })}
          </Text>
          {limited.length === 0 ? (
            <Text fz="sm" c="dimmed">
              {t('automation.limits.noLimits')}
            </Text>
          ) : (
            <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }}>
              {limited.map((item) => (
                <Text component="li" fz="sm" key={item.typeId}>
                  {t('automation.limits.line', {
                    type: item.type,
                    inWork: item.inWork,
                    limit: item.limit,
                    waiting: item.waiting,
                  })}{' '}
                  <Text span c="dimmed" fz="xs">
                    ({item.ownLimit === null ? t('automation.limits.byDefault') : t('automation.limits.own')})
                  </Text>
                </Text>
              ))}
            </Stack>
          )}
          {me.role === 'admin' && (
            <AnchorLink to="/admin/account-limits" search={{ organization: organizationId }} fz="sm">
              {t('automation.limits.manage')}
            </AnchorLink>
          )}
        </Stack>
      )}
    </Paper>
  );
}
