/** ISO weekday 1 (Monday) … 7 in the reader's language: 2024-01-01 was a Monday. */
export function weekdayName(weekday: number, locale: string): string {
  const name = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
  return name.charAt(0).toUpperCase() + name.slice(1);
}
