import type { TFunction } from 'i18next';
import type { AppliedProtocol, TicketSettings } from '../../app/api-types.ts';

export type StepSets = NonNullable<AppliedProtocol['steps'][number]['sets']>;

/** "Tipo: Cambio", "Prioridad: Alta", "Plan contratado: Anual": the field and value, named as the console names them. */
export function describeSets(t: TFunction, sets: StepSets, settings: TicketSettings | undefined): string {
  const value = String(sets.value);
  const named = (items: Array<{ id: string; name: string }> | undefined) =>
    items?.find((item) => item.id === value)?.name ?? value;
  switch (sets.field) {
    case 'priority':
      return `${t('ticket.fields.priority')}: ${t(`ticket.priority.${value}` as 'ticket.priority.normal')}`;
    case 'customField': {
      const label = settings?.fields.find((field) => field.key === sets.key)?.label ?? sets.key;
      const shown = typeof sets.value === 'boolean' ? t(sets.value ? 'common.yes' : 'common.no') : value;
      return `${label}: ${shown}`;
    }
    case 'type':
      return `${t('ticket.fields.type')}: ${named(settings?.types)}`;
    case 'status':
      return `${t('ticket.fields.status')}: ${named(settings?.statuses)}`;
    case 'category':
      return `${t('ticket.fields.category')}: ${named(settings?.categories)}`;
  }
}
