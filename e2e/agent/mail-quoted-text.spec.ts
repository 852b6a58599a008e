import { describe, expect, it } from 'vitest';
import { mailedInJourney } from '../fixtures/mail.ts';
import { MailMessage } from '../pages/MailMessage.ts';
import { TicketPage } from '../pages/TicketPage.ts';

describe("a customer's answer by mail shows what they wrote, with the quoted conversation folded behind …", () => {
  const { spec, ticket } = mailedInJourney({
    from: 'Jesús Adrián Rodriguez <jesus@cliente.test>',
    subject: 'Usuario bloqueado',
    text: [
      'Gracias, ya pude entrar.',
      '',
      'El lun, 5 ene 2026 a las 9:00, Soporte Técnico <soporte@tiquete.test> escribió:',
      '> Le desbloqueamos el usuario; pruebe de nuevo, por favor.',
      '>',
      '> Saludos',
    ].join('\n'),
  });

  it('hides the quote until asked, shows it with "Mostrar texto citado", and folds it again', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(ticket().number);
    const message = new MailMessage(page.messages('customer').first());

    await message.said('Gracias, ya pude entrar.').waitFor();
    const quote = message.said(/pruebe de nuevo, por favor/);
    expect(await quote.isVisible()).toBe(false);
    expect(await message.showQuoted.getAttribute('aria-expanded')).toBe('false');

    await message.showQuoted.click();
    await quote.waitFor();
    expect(await message.said(/escribió:/).isVisible()).toBe(true);
    expect(await message.hideQuoted.getAttribute('aria-expanded')).toBe('true');

    await message.hideQuoted.click();
    await quote.waitFor({ state: 'hidden' });
    await message.showQuoted.waitFor();
    expect(spec.session.pageErrors).toEqual([]);
  });
});
