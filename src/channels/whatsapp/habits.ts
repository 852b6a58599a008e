import type { Message } from '../../core/conversation/message.service.ts';
import type { Services } from '../../core/services.ts';
import type { Actor } from '../../core/shared/actor.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { HabitTarget } from '../../core/whatsapp/whatsapp-habits.service.ts';
import type { TemplateRef } from '../../core/whatsapp/whatsapp-number.repository.ts';
import { translate } from '../../i18n/translate.ts';
import { approvedTemplatesOf } from './templates.ts';

type HabitServices = Pick<Services, 'whatsappHabits' | 'messages'>;

/** `{{name}}`-style placeholders of an admin's text, filled; unknown ones stay as typed. */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * Sends a one-click message as a WhatsApp reply on the ticket: free text while the customer's
 * 24-hour window is open, else the number's approved template with `values` as its {{1}}, {{2}}…
 * (the ticket records the template's text as filled, which is what the customer reads).
 */
async function sendAsReply(
  services: HabitServices,
  actor: Actor,
  target: HabitTarget,
  text: string,
  template: TemplateRef | null,
  values: string[],
): Promise<Message> {
  if (target.windowOpen) {
    return services.messages.add(actor, target.ticket.id, { kind: 'reply', channel: 'whatsapp', body: text });
  }
  if (!template) {
    throw new AppError('WHATSAPP_TEMPLATE_MISSING', 'Outside the 24-hour window and no template is set up for this', {
      numberId: target.number.id,
    });
  }
  const approved = (await approvedTemplatesOf(target.number)).find(
    (t) => t.name === template.name && t.language === template.language,
  );
  if (!approved) {
    throw new AppError('WHATSAPP_TEMPLATE_NOT_APPROVED', `The template ${template.name} is not approved`, {
      name: template.name,
      language: template.language,
    });
  }
  const parameters = values.slice(0, approved.parameters);
  const body = approved.body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => parameters[Number(n) - 1] ?? whole);
  return services.messages.add(actor, target.ticket.id, {
    kind: 'reply',
    channel: 'whatsapp',
    body,
    template: { name: template.name, language: template.language, parameters },
  });
}

/**
 * Seed 000, "enviarle un mensaje desde nuestro WhatsApp de soporte para que el cliente tenga
 * nuestro contacto": the number's welcome text (or the default one), or its welcome template
 * with the customer's name as {{1}}.
 */
export async function sendWelcome(services: HabitServices, actor: Actor, ticketIdOrNumber: string) {
  const target = await services.whatsappHabits.target(actor, ticketIdOrNumber);
  const values = { name: target.customerName, number: target.number.displayNumber };
  const text = target.number.welcomeText
    ? fill(target.number.welcomeText, values)
    : translate(target.locale, 'whatsapp.welcome', values);
  return sendAsReply(services, actor, target, text, target.number.welcomeTemplate, [target.customerName]);
}

/**
 * Seed 000, "cuando el cliente no tiene headset: enviarle por WhatsApp el link": a session's link
 * and time, or the number's session template with name, time and link as {{1}}, {{2}}, {{3}}.
 */
export async function sendSessionLink(
  services: HabitServices,
  actor: Actor,
  ticketIdOrNumber: string,
  sessionId: string,
  joinUrl: string | undefined,
) {
  const target = await services.whatsappHabits.target(actor, ticketIdOrNumber);
  const session = await services.whatsappHabits.sessionToSend(target.ticket, sessionId, joinUrl);
  const when = new Intl.DateTimeFormat(target.locale === 'es' ? 'es-CR' : 'en-US', {
    dateStyle: 'full',
    timeStyle: 'short',
    hourCycle: target.locale === 'es' ? 'h23' : 'h12',
    timeZone: target.timeZone,
  }).format(new Date(session.startsAt));
  const text = translate(target.locale, 'whatsapp.session_link', {
    name: target.customerName,
    title: session.title,
    when,
    link: session.joinUrl,
  });
  return sendAsReply(services, actor, target, text, target.number.sessionTemplate, [
    target.customerName,
    when,
    session.joinUrl,
  ]);
}
