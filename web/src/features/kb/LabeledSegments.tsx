import { Box, SegmentedControl, Text } from '@mantine/core';
import { useId } from 'react';

/** A segmented choice with a visible label (and an optional hint under it) that names its radio group. */
export function LabeledSegments<V extends string>({
  label,
  value,
  options,
  onChange,
  hint,
}: {
  label: string;
  value: V;
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  hint?: string;
}) {
  const labelId = useId();
  return (
    <Box>
      <Text component="span" fz="sm" fw={500} display="block" mb={4} id={labelId}>
        {label}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        value={value}
        data={options}
        onChange={(next) => onChange(next as V)}
      />
      {hint && (
        <Text fz="xs" c="dimmed" mt={4}>
          {hint}
        </Text>
      )}
    </Box>
  );
}
