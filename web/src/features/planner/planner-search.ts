/**
 * The planner's filters, tab and week as they stand in the address (?assignee=…&state=…), so a
 * filtered planner can be bookmarked or sent to a colleague and survives a reload. Kept apart
 * from the page so the router reads it without loading the page's chunk.
 */
export interface PlannerSearch {
  assignee?: string;
  organization?: string;
  state?: 'overdue' | 'done' | 'all';
  view?: 'week';
  /** The Monday shown in the week view, YYYY-MM-DD. */
  week?: string;
}

const ID = /^[\w-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the router keeps of a planner address: known values only; defaults stay out of it. */
export function plannerSearch(search: Record<string, unknown>): PlannerSearch {
  const out: PlannerSearch = {};
  const text = (key: string) => (typeof search[key] === 'string' ? (search[key] as string) : '');
  if (ID.test(text('assignee'))) out.assignee = text('assignee');
  if (ID.test(text('organization'))) out.organization = text('organization');
  const state = text('state');
  if (state === 'overdue' || state === 'done' || state === 'all') out.state = state;
  if (text('view') === 'week') out.view = 'week';
  if (DATE.test(text('week')) && !Number.isNaN(Date.parse(text('week')))) out.week = text('week');
  return out;
}
