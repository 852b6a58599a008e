/**
 * Issue 13: the columns an agent may show in a queue view, in their default order. The subject is
 * always shown (it is the link to the ticket); the others may be hidden and reordered.
 */
export const VIEW_COLUMNS = [
  'number',
  'subject',
  'requester',
  'organization',
  'department',
  'type',
  'category',
  'status',
  'priority',
  'sla',
  'assignee',
  'due',
  'created',
  'updated',
] as const;
export type ViewColumn = (typeof VIEW_COLUMNS)[number];

/**
 * What fits beside a two-line subject at 1280 px: the organization rides under the requester's
 * name while it has no column of its own, and the update time is one click away in the chooser.
 */
export const DEFAULT_VIEW_COLUMNS: readonly ViewColumn[] = [
  'number',
  'subject',
  'requester',
  'status',
  'priority',
  'sla',
  'assignee',
];

export const VIEW_DENSITIES = ['comfortable', 'compact'] as const;
export type ViewDensity = (typeof VIEW_DENSITIES)[number];

export interface ViewLayout {
  columns: ViewColumn[];
  density: ViewDensity;
  /** False while the agent has not chosen anything for this view (the defaults apply). */
  custom: boolean;
}

export const DEFAULT_VIEW_LAYOUT: ViewLayout = {
  columns: [...DEFAULT_VIEW_COLUMNS],
  density: 'comfortable',
  custom: false,
};

/** The problems of a column choice: the subject missing, or a column listed twice. */
export function columnProblems(columns: readonly string[]): string[] {
  const problems: string[] = [];
  if (!columns.includes('subject')) problems.push('subject');
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) problems.push(column);
    seen.add(column);
  }
  return problems;
}
