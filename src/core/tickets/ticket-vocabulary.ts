import type { Channel, StatusCategory } from '../../db/database.ts';

export const STATUS_CATEGORIES: readonly StatusCategory[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
export const CHANNELS: readonly Channel[] = [
  'email',
  'portal',
  'whatsapp',
  'phone',
  'chat',
  'skype',
  'teams',
  'advisory',
  'internal',
];
export const FLAGS = ['orange', 'blue', 'green'] as const;
export type Flag = (typeof FLAGS)[number];

/** Priorities in rank order; the rank is stored so queues can sort by it. */
export const PRIORITIES = ['baja', 'normal', 'alta', 'urgente', 'critica'] as const;
export type Priority = (typeof PRIORITIES)[number];

export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority) + 1;
}

export function priorityOf(rank: number): Priority {
  return PRIORITIES[rank - 1] ?? 'normal';
}

/** Categories a ticket still needs work in; "open" queues show these. */
export const UNSOLVED_CATEGORIES: readonly StatusCategory[] = ['new', 'open', 'pending', 'on_hold'];

/** The defaults of the seeds: Cimatic's and weknow's statuses, OpenPyme's BACKLOG. */
export const DEFAULT_STATUSES: {
  name: string;
  category: StatusCategory;
  customerLabel: string | null;
  key?: string;
}[] = [
  { name: 'NUEVO', category: 'new', customerLabel: 'Recibido' },
  { name: 'ABIERTO', category: 'open', customerLabel: 'En atención' },
  { name: 'EN PROGRESO', category: 'open', customerLabel: 'En atención' },
  { name: 'BACKLOG', category: 'open', customerLabel: 'En cola', key: 'backlog' },
  // 003: where a Soporte ticket waits for its turn (it may not wait in BACKLOG).
  { name: 'EN COLA', category: 'open', customerLabel: 'En cola', key: 'queued' },
  { name: 'PENDIENTE', category: 'pending', customerLabel: 'Esperando su respuesta' },
  { name: 'EN ESPERA', category: 'on_hold', customerLabel: 'En espera de un tercero' },
  { name: 'RESUELTO', category: 'solved', customerLabel: 'Resuelto' },
  { name: 'CERRADO', category: 'closed', customerLabel: 'Cerrado' },
];

export const DEFAULT_TYPES = ['Tarea', 'Problema', 'Configuración', 'Extras', 'Soporte', 'Cambio', 'Consultoría'];

/** 003: the types the account-limit rule knows, by the stable key it finds them by after a rename. */
export const DEFAULT_TYPE_KEYS: Record<string, string> = { Soporte: 'support', Cambio: 'change' };

// 003 (OpenPyme): a support ticket can never be in the backlog stage.
export const DEFAULT_BARRED = [{ type: 'Soporte', status: 'BACKLOG' }];

export const DEFAULT_CATEGORIES = [
  'Alta',
  'Baja',
  'Cambio',
  'Corrección',
  'Modificación',
  'Configuración de plataforma',
  'Reporte',
  'Contraseña',
];

export const DEFAULT_NUMBER_FORMAT = { prefix: 'OP', start: 10000 };
