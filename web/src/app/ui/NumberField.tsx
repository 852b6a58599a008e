import { Text, TextInput, type TextInputProps } from '@mantine/core';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'min' | 'max' | 'step' | 'rightSection'> & {
  value: number | '';
  onChange: (value: number | '') => void;
  min?: number;
  max?: number;
  step?: number;
  /** Digits kept after the decimal point; 0 (the default) for whole numbers. */
  decimals?: number;
  /** Shown after the number ("MB", "h", "%"), outside the value the person types. */
  unit?: string;
};

/**
 * A number typed in a native `<input type="number">`. Mantine's NumberInput brings
 * react-number-format (~7 KB gzipped) for thousands separators and masks that these settings
 * never need; the browser already gives the numeric keyboard and the arrows.
 * Limits are applied here, not as `min`/`max` attributes: the browser's own validation bubble
 * would block the form in the browser's language instead of the console's.
 */
export function NumberField({ value, onChange, min, max, step, decimals = 0, unit, onBlur, ...rest }: Props) {
  const clean = (n: number) => {
    const factor = 10 ** decimals;
    let result = Math.round(n * factor) / factor;
    if (min !== undefined && result < min) result = min;
    if (max !== undefined && result > max) result = max;
    return result;
  };
  return (
    <TextInput
      {...rest}
      type="number"
      inputMode={decimals > 0 ? 'decimal' : 'numeric'}
      step={step ?? 'any'}
      value={value}
      onChange={(event) => {
        const text = event.currentTarget.value;
        const n = Number(text);
        if (text === '' || Number.isNaN(n)) onChange('');
        // Like NumberInput's strict clamping: nothing above the maximum is ever held.
        else onChange(max !== undefined && n > max ? max : n);
      }}
      // Below the minimum or too precise: brought back in when the person leaves the field.
      onBlur={(event) => {
        if (value !== '' && clean(value) !== value) onChange(clean(value));
        onBlur?.(event);
      }}
      rightSection={
        unit ? (
          <Text fz="sm" c="dimmed" aria-hidden="true">
            {unit}
          </Text>
        ) : undefined
      }
      rightSectionPointerEvents="none"
    />
  );
}
