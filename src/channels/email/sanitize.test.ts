import { describe, expect, it } from 'vitest';
import { sanitizeBodyHtml } from '../../core/conversation/html-sanitize.ts';
import { runInboundFilters } from './inbound-filters.ts';
import { foldQuotes } from './quote-folding.ts';

describe('mail HTML is made harmless', () => {
  it('drops scripts, event handlers and javascript: links', () => {
    const out = sanitizeBodyHtml(
      '<p onclick="steal()">Hola<script>alert(1)</script></p><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">clic</a><a href="JaVaScRiPt:alert(4)">2</a><iframe src="https://evil.test"></iframe>',
    );
    expect(out).not.toMatch(/script|onerror|onclick|javascript:|iframe|alert/i);
    expect(out).toContain('Hola');
    expect(out).toContain('clic');
  });

  it('loads no remote images by default and keeps safe links', () => {
    const out = sanitizeBodyHtml('<img src="https://tracker.test/p.gif"><a href="https://ok.test/a">ok</a>');
    expect(out).not.toContain('tracker.test');
    expect(out).toContain('href="https://ok.test/a"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
  });

  it('rewrites cid: images to our attachment URLs', () => {
    const out = sanitizeBodyHtml(
      '<img src="cid:logo@x">',
      (cid) => `/api/v1/attachments/${cid === 'logo@x' ? 'a1' : 'zz'}`,
    );
    expect(out).toContain('src="/api/v1/attachments/a1"');
  });

  it('keeps no style that could load anything', () => {
    const out = sanitizeBodyHtml('<p style="background:url(https://evil.test/x);color:red">x</p>');
    expect(out).not.toContain('evil.test');
  });
});

describe('quoted conversation is folded, never lost', () => {
  it('folds a Spanish Gmail quote', () => {
    const { visible, quoted } = foldQuotes(
      'Gracias, ya funciona.\n\nEl lun, 5 ene 2026 a las 10:00, Soporte <s@x.test> escribió:\n> Pruebe de nuevo',
    );
    expect(visible).toBe('Gracias, ya funciona.');
    expect(quoted).toContain('Pruebe de nuevo');
  });

  it("folds an Outlook 'De: … Enviado:' block", () => {
    const { visible, quoted } = foldQuotes('Listo.\n\nDe: Soporte\nEnviado: lunes\nPara: yo\nAsunto: caso');
    expect(visible).toBe('Listo.');
    expect(quoted).toContain('Enviado: lunes');
  });

  it("folds an English 'On … wrote:' and trailing > quotes", () => {
    expect(foldQuotes('Thanks\n\nOn Mon, Jan 5, 2026 Support wrote:\n> hi').visible).toBe('Thanks');
    expect(foldQuotes('ok\n> a\n> b').visible).toBe('ok');
  });
});

describe('inbound filters: what is never answered automatically', () => {
  const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name.toLowerCase()] });
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'Hola'],
    [{ precedence: 'bulk' }, 'Hola'],
    [{ precedence: 'junk' }, 'Hola'],
    [{ precedence: 'list' }, 'Hola'],
    [{ 'x-autoreply': 'yes' }, 'Hola'],
    [{}, 'Respuesta automática: fuera de la oficina'],
    [{}, 'Out of Office: away until Monday'],
  ])('%o %s', (h, subject) => {
    expect(runInboundFilters(headers(h), subject).noAutoAnswer).toBe(true);
  });

  it('answers a normal mail', () => {
    expect(runInboundFilters(headers({ 'auto-submitted': 'no' }), 'Desbloqueo de usuario').noAutoAnswer).toBe(false);
  });
});
