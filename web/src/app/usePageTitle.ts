import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab to "<page> · Tiquete", following language changes. */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = page ? `${page} · ${appName}` : appName;
  }, [page, appName]);
}
