import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { countLabel, countText } from './ticket-count.ts';

describe('ticket counts', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ lng: 'es', resources: { es: { translation: es }, en: { translation: en } } });
  });

  it('shows an exact count as it is, and a capped one as "more than"', () => {
    expect(countText(7, false)).toBe('7');
    expect(countText(10000, true)).toBe('10000+');
    expect(countLabel(i18n.getFixedT('es'), 1, false)).toBe('1 ticket');
    expect(countLabel(i18n.getFixedT('es'), 10000, true)).toBe('Más de 10000 tickets');
    expect(countLabel(i18n.getFixedT('en'), 10000, true)).toBe('More than 10000 tickets');
  });
});
