import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { viewName } from './view-names.ts';

describe('view names', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ lng: 'en', resources: { es: { translation: es }, en: { translation: en } } });
  });

  it('names a default view by its key in the reader language, whatever name it is stored under', () => {
    const t = i18n.getFixedT('en');
    expect(viewName(t, { key: 'unassigned', name: 'Sin asignar' })).toBe('Unassigned');
    expect(viewName(t, { key: 'all_open', name: 'Cola general' })).toBe('All open');
    expect(viewName(i18n.getFixedT('es'), { key: 'sla_risk', name: 'x' })).toBe('Incumplen SLA pronto');
  });

  it('keeps the name people gave their own views, even one that reads like a default', () => {
    const t = i18n.getFixedT('en');
    expect(viewName(t, { key: null, name: 'Sin asignar' })).toBe('Sin asignar');
    expect(viewName(t, { key: 'some_future_view', name: 'Vista nueva' })).toBe('Vista nueva');
  });
});
