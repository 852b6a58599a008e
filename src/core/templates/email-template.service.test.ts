import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { renderEmail } from './email-template.service.ts';

describe('mail templates', () => {
  it("003: the Spanish acknowledgement is OpenPyme's message with the ticket's values", () => {
    const out = renderEmail(DEFAULT_TEMPLATES.acknowledgement.es, {
      'contact.name': 'Jesús Adrián Rodriguez',
      'ticket.subject': 'Desbloqueo de usuario',
      'ticket.number': 'OP10044',
    });
    expect(out.subject).toBe('[OP10044] Desbloqueo de usuario');
    expect(out.text).toContain(
      'Su solicitud "Desbloqueo de usuario" ha sido recibida y será revisada por el equipo de Soporte Técnico.',
    );
    expect(out.text).toContain('La referencia de su ticket es OP10044');
  });

  it('escapes values in the HTML version', () => {
    const out = renderEmail(DEFAULT_TEMPLATES.acknowledgement.es, {
      'contact.name': '<img src=x onerror=alert(1)>',
      'ticket.number': 'OP1',
    });
    expect(out.html).not.toContain('<img');
    expect(out.html).toContain('&lt;img');
  });

  it('puts the reply text into the reply template', () => {
    const out = renderEmail(
      DEFAULT_TEMPLATES.reply.es,
      { 'ticket.number': 'OP7', 'ticket.subject': 'Caso' },
      { body: 'Listo <b>', html: null },
    );
    expect(out.subject).toBe('Re: [OP7] Caso');
    expect(out.text).toBe('Listo <b>');
    expect(out.html).toBe('Listo &lt;b&gt;');
  });
});
