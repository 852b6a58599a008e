import type { TFunction } from 'i18next';
import type { SavedView } from '../../app/api-types.ts';
import es from '../../i18n/es.json';

type DefaultViewKey = keyof typeof es.queue.defaultViews;

function isDefaultViewKey(key: string | null): key is DefaultViewKey {
  return key !== null && Object.hasOwn(es.queue.defaultViews, key);
}

/**
 * The shared views every install starts with carry a stable `key` (src/core/views/view.service.ts)
 * and are named by it in the reader's language; views people create keep the name they were given.
 */
export function viewName(t: TFunction, view: Pick<SavedView, 'key' | 'name'>): string {
  return isDefaultViewKey(view.key) ? t(`queue.defaultViews.${view.key}`) : view.name;
}
