import { Group, Input } from '@mantine/core';
import { DateInput, type DateInputProps, TimePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/es';
import '@mantine/dates/styles.css';
import { type FocusEvent, type ReactNode, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

dayjs.extend(customParseFormat);

/**
 * Issue 12: dates follow the console's language, not the browser's locale (a native date input
 * in an English browser shows mm/dd/yyyy and a 12-hour clock to a Spanish desk).
 */
const FORMATS = {
  es: { date: 'DD/MM/YYYY', time: '24h' },
  en: { date: 'MM/DD/YYYY', time: '12h' },
} as const;

function useFormats() {
  const { i18n } = useTranslation();
  const locale = i18n.language.startsWith('en') ? 'en' : 'es';
  return { locale, ...FORMATS[locale] };
}

type DateFieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  /** `YYYY-MM-DD`, or '' when empty (what a native date input gave). */
  value: string;
  onChange: (value: string) => void;
};

/** A date typed or picked as the console's language writes it (dd/mm/aaaa in Spanish). */
export function DateField({ value, onChange, ...props }: DateFieldProps) {
  const { date, locale } = useFormats();
  const { t } = useTranslation();
  return (
    <DateInput
      placeholder={t('dates.datePlaceholder')}
      // Month and weekday names in the console's language; weeks start on Monday.
      locale={locale}
      firstDayOfWeek={1}
      {...props}
      value={value || null}
      onChange={(next) => onChange(next ? dayjs(next).format('YYYY-MM-DD') : '')}
      valueFormat={date}
      // Typed text is read strictly in the console's format (or ISO, e.g. pasted from a report).
      dateParser={(text) => {
        const parsed = dayjs(text.trim(), [date, 'YYYY-MM-DD'], true);
        return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
      }}
      clearable={!props.required}
    />
  );
}

type DateTimeFieldProps = {
  label: string;
  description?: ReactNode;
  /** Local wall time `YYYY-MM-DDTHH:mm`, or '' (what a native datetime-local input gave). */
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  size?: 'xs' | 'sm';
};

/** A date and a time of day, in the console's language: dd/mm/aaaa and 24 h in Spanish. */
export function DateTimeField({
  label,
  description,
  value,
  onChange,
  onBlur,
  error,
  required,
  disabled,
  size,
}: DateTimeFieldProps) {
  const { t } = useTranslation();
  const { time } = useFormats();
  const id = useId();
  const group = useRef<HTMLDivElement>(null);
  const [day = '', clock = ''] = value ? value.split('T') : [];
  // Moving from the date to the hours is still editing: the field is left when focus leaves both,
  // so a half-typed moment (the day at 00:00) is never saved on the way.
  const leave = (event: FocusEvent) => {
    if (!group.current?.contains(event.relatedTarget as Node | null)) onBlur?.();
  };
  const emit = (nextDay: string, nextClock: string) =>
    onChange(nextDay ? `${nextDay}T${(nextClock || '00:00').slice(0, 5)}` : '');
  return (
    <Input.Wrapper id={id} label={label} description={description} error={error} required={required} size={size}>
      <Group ref={group} gap={6} wrap="nowrap" align="flex-start">
        <DateField
          id={id}
          value={day}
          onChange={(next) => emit(next, clock)}
          onBlur={leave}
          required={required}
          disabled={disabled}
          size={size}
          error={Boolean(error)}
          style={{ flex: '1 1 8rem', minWidth: 0 }}
        />
        <TimePicker
          aria-label={t('dates.timeOf', { label })}
          hoursInputLabel={t('dates.hoursOf', { label })}
          minutesInputLabel={t('dates.minutesOf', { label })}
          amPmInputLabel={t('dates.amPmOf', { label })}
          format={time}
          value={clock}
          onChange={(next) => emit(day, next)}
          onBlur={leave}
          disabled={disabled || !day}
          size={size}
          error={Boolean(error)}
          style={{ flex: '0 0 auto' }}
        />
      </Group>
    </Input.Wrapper>
  );
}
