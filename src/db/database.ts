import type { ColumnType, Generated, Kysely } from 'kysely';

/** ISO 8601 UTC text on SQLite, timestamptz on PostgreSQL; always read back as an ISO string. */
export type Timestamp = ColumnType<string, string, string>;
/** 0/1 on both engines, so one code path reads and writes it. */
export type Flag = ColumnType<number, number | undefined, number>;

export interface DepartmentsTable {
  id: string;
  name: string;
  name_key: string;
  kind: 'external' | 'internal';
  time_zone: string;
  email: string | null;
  active: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentsTable {
  id: string;
  email: string;
  name: string;
  initials: string;
  role: 'admin' | 'supervisor' | 'agent';
  locale: 'es' | 'en';
  time_zone: string;
  skills: string;
  password_hash: string | null;
  active: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentDepartmentsTable {
  agent_id: string;
  department_id: string;
}

export interface SessionsTable {
  id: string;
  principal_kind: 'agent' | 'contact';
  principal_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  agent_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  ip: string;
  created_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

export interface Database {
  departments: DepartmentsTable;
  agents: AgentsTable;
  agent_departments: AgentDepartmentsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  settings: SettingsTable;
}

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';
