import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLocale, LOCALES, type Locale } from '../i18n/i18n.ts';

type Props = {
  value: Locale;
  onChange: (locale: Locale) => void;
  disabled?: boolean;
};

/**
 * ES | EN toggle. Each option reads its full language name to screen readers, in that
 * language, while sighted users see the short code.
 */
export function LanguageSwitch({ value, onChange, disabled = false }: Props) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t('language.label')}
      size="xs"
      radius="xl"
      disabled={disabled}
      value={value}
      onChange={(next) => {
        if (isLocale(next)) onChange(next);
      }}
      data={LOCALES.map((locale) => ({
        value: locale,
        label: (
          <>
            <span aria-hidden="true">{locale.toUpperCase()}</span>
            <VisuallyHidden lang={locale}>{t(`language.${locale}`)}</VisuallyHidden>
          </>
        ),
      }))}
    />
  );
}
