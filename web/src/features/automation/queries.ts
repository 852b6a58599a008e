import { queryOptions } from '@tanstack/react-query';
import {
  automationKeys,
  fetchAccountLimits,
  fetchCalendars,
  fetchKeywords,
  fetchPolicies,
  fetchTimeRules,
  fetchTriggers,
} from './api.ts';

export const calendarsQuery = queryOptions({
  queryKey: automationKeys.calendars,
  queryFn: ({ signal }) => fetchCalendars(signal),
});
export const policiesQuery = queryOptions({
  queryKey: automationKeys.policies,
  queryFn: ({ signal }) => fetchPolicies(signal),
});
export const triggersQuery = queryOptions({
  queryKey: automationKeys.triggers,
  queryFn: ({ signal }) => fetchTriggers(signal),
});
export const timeRulesQuery = queryOptions({
  queryKey: automationKeys.timeRules,
  queryFn: ({ signal }) => fetchTimeRules(signal),
});
export const keywordsQuery = queryOptions({
  queryKey: automationKeys.keywords,
  queryFn: ({ signal }) => fetchKeywords(signal),
});
export const accountLimitsQuery = (organizationId: string) =>
  queryOptions({
    queryKey: automationKeys.accountLimits(organizationId),
    queryFn: ({ signal }) => fetchAccountLimits(organizationId, signal),
  });
