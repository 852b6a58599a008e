import { Badge } from '@mantine/core';
import type { PortalTicket } from './tickets-api.ts';

// The colour follows the fixed category; the words are the status's customer-facing label.
const COLORS: Record<string, string> = {
  new: 'blue',
  open: 'indigo',
  pending: 'yellow',
  on_hold: 'gray',
  solved: 'teal',
  closed: 'dark',
};

export function StatusBadge({ status }: { status: PortalTicket['status'] }) {
  return (
    <Badge variant="light" color={COLORS[status.category] ?? 'gray'}>
      {status.label}
    </Badge>
  );
}
