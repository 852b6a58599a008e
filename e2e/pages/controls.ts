import type { Locator, Page } from 'playwright-core';

/**
 * Helpers for Mantine controls, still found by role and label: a segmented control's radio is
 * visually hidden behind its label, and a select's options live in a listbox in a portal.
 */
export async function chooseSegment(group: Locator, name: string): Promise<void> {
  const radio = group.getByRole('radio', { name, exact: true });
  const id = await radio.getAttribute('id');
  await group.locator(`label[for="${id}"]`).click();
}

/** Opens a select (by its label) and picks the option with that name, typing to filter if searchable. */
export async function pickOption(page: Page, field: Locator, option: string, search?: string): Promise<void> {
  await field.click();
  if (search !== undefined) await field.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A field's label, whether or not Mantine adds its " *" for required fields. */
export function fieldLabel(label: string): RegExp {
  return new RegExp(`^${escapeRegExp(label)}( \\*)?$`);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Types into the console's date-time field named `label`: the date as the console's language
 * writes it (dd/mm/aaaa in Spanish) and the time in hours and minutes (24 h in Spanish).
 */
export async function fillDateTime(scope: Locator, label: string, date: string, time: string): Promise<void> {
  const day = scope.getByLabel(fieldLabel(label));
  await day.fill(date);
  await day.press('Escape');
  const [hours = '', minutes = ''] = time.split(':');
  await scope.getByLabel(`${label}: horas`, { exact: true }).fill(hours);
  await scope.getByLabel(`${label}: minutos`, { exact: true }).fill(minutes);
}
