import { AppError } from '../shared/app-error.ts';
import type { TicketChanges } from '../tickets/ticket.service.ts';
import { findByIdOrName, type Vocabulary } from '../tickets/ticket-settings.service.ts';
import { PRIORITIES, type Priority } from '../tickets/ticket-vocabulary.ts';

export const STEP_SET_FIELDS = ['type', 'priority', 'status', 'category', 'customField'] as const;
export type StepSetField = (typeof STEP_SET_FIELDS)[number];
export type StepSetValue = string | number | boolean;

/** The ticket field a protocol step sets when ticked: a status, type or category by id, a priority, or a custom field's value. */
export interface StepSets {
  field: StepSetField;
  /** The custom field's key; null for the ticket's own fields. */
  key: string | null;
  value: StepSetValue;
}

export interface StepSetsInput {
  field: StepSetField;
  key?: string | null;
  value: StepSetValue;
}

/**
 * Checks what a step sets against today's vocabulary and keeps statuses, types and categories by
 * id (a rename must not break the protocol). The value of a custom field is checked by the ticket
 * itself when the step is ticked, against the field of the ticket's type.
 */
export function resolveStepSets(vocabulary: Vocabulary, input: StepSetsInput, path: string): StepSets {
  const invalid = (message: string) => new AppError('VALIDATION_FAILED', message, { field: path });
  if (input.field === 'customField') {
    const key = input.key?.trim();
    if (!key || !vocabulary.fields.some((field) => field.key === key)) {
      throw invalid(`No custom field has the key "${input.key ?? ''}"`);
    }
    return { field: 'customField', key, value: input.value };
  }
  if (typeof input.value !== 'string') throw invalid(`The ${input.field} must be given as text`);
  if (input.field === 'priority') {
    if (!(PRIORITIES as readonly string[]).includes(input.value)) {
      throw invalid(`The priority must be one of ${PRIORITIES.join(', ')}`);
    }
    return { field: 'priority', key: null, value: input.value };
  }
  const items = { type: vocabulary.types, status: vocabulary.statuses, category: vocabulary.categories }[input.field];
  const item = findByIdOrName<{ id: string; name: string }>(items, input.value);
  if (!item) throw invalid(`No ${input.field} is called "${input.value}"`);
  return { field: input.field, key: null, value: item.id };
}

/** The change the ticked step makes, as any other edit of the ticket. */
export function ticketChangesOf(sets: StepSets): TicketChanges {
  switch (sets.field) {
    case 'customField':
      return { customFields: { [sets.key as string]: sets.value } };
    case 'priority':
      return { priority: sets.value as Priority };
    default:
      return { [sets.field]: String(sets.value) };
  }
}
