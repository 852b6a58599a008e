import type { TFunction } from 'i18next';

/**
 * Counts stop at the server's limit (10,000, `COUNT_LIMIT`): a capped count reads "10000+" and
 * "more than 10000 tickets".
 */
export function countText(count: number, capped: boolean | undefined): string {
  return capped ? `${count}+` : String(count);
}

export function countLabel(t: TFunction, count: number, capped: boolean | undefined): string {
  return capped ? t('queue.countCapped', { count }) : t('queue.count', { count });
}
