import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../features/auth/useSession.ts';
import { dateOnly, dateTime, relativeTime, safeTimeZone, timeOnly } from './time.ts';

/** Date formatters in the reader's language and the signed-in agent's time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const session = useSession();
  const locale = i18n.language;
  const timeZone = safeTimeZone(session?.user.timeZone);
  return useMemo(
    () => ({
      locale,
      timeZone,
      dateTime: (iso: string) => dateTime(iso, locale, timeZone),
      date: (iso: string) => dateOnly(iso, locale, timeZone),
      time: (iso: string) => timeOnly(iso, locale, timeZone),
      relative: (iso: string) => relativeTime(iso, locale),
      number: (value: number) => new Intl.NumberFormat(locale).format(value),
    }),
    [locale, timeZone],
  );
}
