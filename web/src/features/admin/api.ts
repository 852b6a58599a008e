import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type {
  Agent,
  CustomField,
  Department,
  FieldKind,
  Macro,
  MacroActions,
  NamedItem,
  NumberFormat,
  Settings,
  StatusCategory,
  TicketCategory,
  TicketStatus,
  TicketType,
} from '../../app/api-types.ts';

const base = '/ticket-settings';

export type StatusInput = { name: string; category: StatusCategory; customerLabel?: string | null; position?: number };
export const createStatus = (body: StatusInput) => api<TicketStatus>(`${base}/statuses`, { method: 'POST', body });
export const updateStatus = (id: string, body: Partial<StatusInput & { active: boolean }>) =>
  api<TicketStatus>(`${base}/statuses/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export type TypeInput = {
  name: string;
  barredStatusIds?: string[];
  position?: number;
  active?: boolean;
  customerVisible?: boolean;
};
export const createType = (body: TypeInput) => api<TicketType>(`${base}/types`, { method: 'POST', body });
export const updateType = (id: string, body: Partial<TypeInput>) =>
  api<TicketType>(`${base}/types/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export type FieldInput = { key: string; label: string; kind: FieldKind; options?: string[]; required?: boolean };
export const createField = (typeId: string, body: FieldInput) =>
  api<CustomField>(`${base}/types/${encodeURIComponent(typeId)}/fields`, { method: 'POST', body });
export const updateField = (id: string, body: Partial<Omit<FieldInput, 'key'>>) =>
  api<CustomField>(`${base}/fields/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const deleteField = (id: string) => api<void>(`${base}/fields/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const createCategory = (body: { name: string }) =>
  api<NamedItem>(`${base}/categories`, { method: 'POST', body });
export const updateCategory = (
  id: string,
  body: Partial<{ name: string; active: boolean; position: number; customerVisible: boolean }>,
) => api<TicketCategory>(`${base}/categories/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const setNumberFormat = (body: NumberFormat) =>
  api<NumberFormat>(`${base}/number-format`, { method: 'PUT', body });

export const settingsKeys = { all: ['settings'] as const };
export const settingsQuery = queryOptions({
  queryKey: settingsKeys.all,
  queryFn: ({ signal }) => api<Settings>('/settings', { signal }),
});
/** `attachmentLimitBytes: null` goes back to the install's configured default. */
export const updateSettings = (
  body: Partial<Pick<Settings, 'entitlement' | 'contractExpiringDays' | 'exchangeRates' | 'accountingDepartmentId'>> & {
    attachmentLimitBytes?: number | null;
    dueDateLeadMinutes?: number;
  },
) => api<Settings>('/settings', { method: 'PUT', body });

export type MacroInput = {
  name: string;
  body: string;
  actions?: MacroActions;
  shared?: boolean;
  departmentId?: string | null;
};
export const createMacro = (body: MacroInput) => api<Macro>('/macros', { method: 'POST', body });
export const updateMacro = (id: string, body: Partial<MacroInput>) =>
  api<Macro>(`/macros/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const deleteMacro = (id: string) => api<void>(`/macros/${encodeURIComponent(id)}`, { method: 'DELETE' });

export type AgentInput = {
  name: string;
  email: string;
  initials?: string;
  role: Agent['role'];
  departmentIds: string[];
  password?: string;
  active?: boolean;
  timeZone?: string;
  locale?: 'es' | 'en';
};
export const createAgent = (body: AgentInput) =>
  api<{ agent: Agent; generatedPassword: string | null }>('/agents', { method: 'POST', body });
export const updateAgent = (id: string, body: Partial<AgentInput>) =>
  api<Agent>(`/agents/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export type DepartmentInput = {
  name: string;
  kind: Department['kind'];
  timeZone: string;
  email: string | null;
  active?: boolean;
  /** null: the global entitlement setting applies. */
  entitlement?: Department['entitlement'];
};
export const createDepartment = (body: DepartmentInput) => api<Department>('/departments', { method: 'POST', body });
export const updateDepartment = (id: string, body: Partial<DepartmentInput>) =>
  api<Department>(`/departments/${encodeURIComponent(id)}`, { method: 'PATCH', body });
