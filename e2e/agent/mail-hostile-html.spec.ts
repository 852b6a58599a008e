import { describe, expect, it } from 'vitest';
import { mailedInJourney } from '../fixtures/mail.ts';
import { MailMessage } from '../pages/MailMessage.ts';
import { TicketPage } from '../pages/TicketPage.ts';

// Each trick sets a flag on window (and opens a dialog) if it ever runs.
const HOSTILE_HTML = [
  '<p>Hola, adjunto la <b>factura rechazada</b>.</p>',
  '<script>window.__mailScriptRan = true; alert("script")</script>',
  '<img src="nonexistent.png" onerror="window.__mailScriptRan = true; alert(\'onerror\')">',
  '<p><a href="javascript:window.__mailScriptRan = true; alert(\'link\')">Ver factura</a></p>',
  '<div onmouseover="window.__mailScriptRan = true">Pase el ratón</div>',
].join('\n');

type Message = { body: string; html: string | null };

describe('a mail with <script>, onerror= and javascript: links is shown harmless in the console', () => {
  const { spec, ticket } = mailedInJourney({
    from: 'Atacante <mallory@cliente.test>',
    subject: 'Factura rechazada (HTML)',
    html: HOSTILE_HTML,
  });

  it('shows the words, runs nothing, opens no dialog, and leaves the link inert', async () => {
    const dialogs: string[] = [];
    spec.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const page = new TicketPage(spec.page);
    await page.goto(ticket().number);
    const message = new MailMessage(page.messages('customer').first());
    await message.said(/factura rechazada/).waitFor();
    await message.said('Ver factura').waitFor();

    // Hover and click everything the mail offers; nothing may happen.
    await message.said('Pase el ratón').hover();
    const urlBefore = spec.page.url();
    await message.said('Ver factura').click();
    await spec.page.waitForTimeout(300);

    expect(dialogs).toEqual([]);
    expect(await spec.page.evaluate(() => (window as { __mailScriptRan?: boolean }).__mailScriptRan)).toBeUndefined();
    expect(spec.page.url()).toBe(urlBefore);
    expect(spec.session.context.pages()).toHaveLength(1);
    expect(await page.conversation.locator('script, [onerror], [onmouseover], a[href^="javascript:"]').count()).toBe(0);
    expect(await message.links.count()).toBe(0);

    // What was stored is sanitized too: no script, handler or javascript: URL survives parsing.
    const { items } = await spec.admin.get<{ items: Message[] }>(`/tickets/${ticket().id}/messages`);
    expect(items[0]?.html).toBeTruthy();
    expect(items[0]?.html).not.toMatch(/<script|onerror|onmouseover|javascript:/i);
    expect(spec.session.pageErrors).toEqual([]);
  });
});
