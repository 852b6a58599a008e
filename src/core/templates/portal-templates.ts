import type { Locale } from '../shared/actor.ts';

/** What a portal access mail says: an invitation (72 h) or a forgotten-password link (1 h). */
export interface PortalAccessValues {
  purpose: 'invitation' | 'reset';
  contactName: string;
  organizationName: string | null;
  link: string;
}

interface Wording {
  subject: string;
  lines: (v: PortalAccessValues) => string[];
}

/** Written like the other customer mails (003, 004): formal, short, the link on its own line. */
const WORDING: Record<PortalAccessValues['purpose'], Record<Locale, Wording>> = {
  invitation: {
    es: {
      subject: 'Invitación al portal de soporte',
      lines: (v) => [
        `Estimado/Estimada ${v.contactName}`,
        v.organizationName
          ? `Le invitamos a usar el portal de soporte de ${v.organizationName}, donde puede crear solicitudes y seguir sus tickets.`
          : 'Le invitamos a usar el portal de soporte, donde puede crear solicitudes y seguir sus tickets.',
        'Para elegir su contraseña, abra este enlace (vale 72 horas y sirve una sola vez):',
        v.link,
        'Saludos',
      ],
    },
    en: {
      subject: 'Invitation to the support portal',
      lines: (v) => [
        `Dear ${v.contactName}`,
        v.organizationName
          ? `You are invited to use the support portal for ${v.organizationName}, where you can open requests and follow your tickets.`
          : 'You are invited to use the support portal, where you can open requests and follow your tickets.',
        'To choose your password, open this link (valid for 72 hours, single use):',
        v.link,
        'Regards',
      ],
    },
  },
  reset: {
    es: {
      subject: 'Restablecer su contraseña del portal de soporte',
      lines: (v) => [
        `Estimado/Estimada ${v.contactName}`,
        'Recibimos una solicitud para restablecer su contraseña del portal de soporte.',
        'Para elegir una nueva, abra este enlace (vale 1 hora y sirve una sola vez):',
        v.link,
        'Si no la solicitó, ignore este correo: su contraseña no cambia.',
        'Saludos',
      ],
    },
    en: {
      subject: 'Reset your support portal password',
      lines: (v) => [
        `Dear ${v.contactName}`,
        'We received a request to reset your support portal password.',
        'To choose a new one, open this link (valid for 1 hour, single use):',
        v.link,
        'If you did not ask for it, ignore this mail: your password does not change.',
        'Regards',
      ],
    },
  },
};

/** The mail's subject and lines; the link is one line of its own (the HTML makes it a link). */
export function portalAccessWording(values: PortalAccessValues, locale: Locale): { subject: string; lines: string[] } {
  const wording = WORDING[values.purpose][locale];
  return { subject: wording.subject, lines: wording.lines(values) };
}
