import type { TFunction } from 'i18next';
import type { SavedView } from '../../app/api-types.ts';

// The shared views every install starts with are stored under their Spanish names
// (src/core/views/view.service.ts); English readers get them translated. Views people create
// keep the name they were given.
const DEFAULT_VIEW_KEYS = {
  'Mis tickets': 'mine',
  'Sin asignar': 'unassigned',
  'Mi departamento': 'department',
  'Pendientes de revisión': 'review',
  'Todos abiertos': 'allOpen',
  'Incumplen SLA pronto': 'slaRisk',
  'Sin noticias 24 h': 'stale',
} as const;

export function viewName(t: TFunction, view: Pick<SavedView, 'name' | 'shared'>): string {
  const key = view.shared ? DEFAULT_VIEW_KEYS[view.name as keyof typeof DEFAULT_VIEW_KEYS] : undefined;
  return key ? t(`queue.defaultViews.${key}`) : view.name;
}
