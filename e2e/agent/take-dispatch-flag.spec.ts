import { describe, expect, it } from 'vitest';
import type { Ticket } from '../fixtures/api.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { pickOption } from '../pages/controls.ts';
import { TicketPage } from '../pages/TicketPage.ts';

type Message = { kind: string; body: string };

describe('an agent takes a ticket, flags it and dispatches it to a colleague (weknow 001)', () => {
  let ticket: Ticket;
  let mine: Ticket;
  let colleague: { id: string };
  let accounting: { id: string };

  const spec = consoleJourney({
    seed: async (journey) => {
      colleague = await journey.admin.createAgent({
        name: 'Majo Castillo',
        email: 'majo@tiquete.test',
        password: 'Clave-de-majo-2024',
      });
      ticket = await journey.admin.createTicket({
        subject: 'Alta de 35 alumnos en Moodle',
        body: 'Adjunto la lista de alumnos para matricular.',
        requester: { name: 'Lucía Hernández', email: 'lhernandez@altos.edu.mx' },
      });
      mine = await journey.admin.createTicket({
        subject: 'La factura de noviembre trae un cargo doble',
        body: 'Nos cobraron dos veces la mensualidad de noviembre.',
        requester: { name: 'Paola Jiménez', email: 'paola@manufacturas.example' },
        assigneeId: journey.admin.user.id,
      });
      const departments = await journey.admin.get<{ items: { id: string; name: string }[] }>('/departments');
      accounting = departments.items.find((d) => d.name === 'Contabilidad') as { id: string };
    },
  });

  it('takes it with `a`, flags it orange, and hands it to Majo with a note', async () => {
    const page = new TicketPage(spec.page);
    await page.goto(ticket.number);
    expect(await page.takeButton.isEnabled()).toBe(true);

    await spec.page.locator('body').press('a');
    await page.yoursButton.waitFor();
    const me = spec.admin.user.id;
    await expect.poll(async () => (await spec.admin.get<Ticket>(`/tickets/${ticket.id}`)).assigneeId).toBe(me);

    await page.setFlag('orange');
    await expect.poll(async () => (await spec.admin.get<Ticket>(`/tickets/${ticket.id}`)).flag).toBe('orange');
    expect(await spec.page.getByRole('img', { name: /^Naranja: pendiente de resolución/ }).count()).toBeGreaterThan(0);

    await page.dispatchButton.click();
    const dialog = page.dialog(`Delegar ${ticket.number}`);
    await dialog.waitFor();
    await pickOption(spec.page, dialog.getByLabel('Agente'), 'Majo Castillo', 'Majo');
    await dialog
      .getByLabel('Nota para quien lo recibe')
      .fill('Falta matricular a los de 3.º B; la lista está en el adjunto.');
    await dialog.getByRole('button', { name: 'Delegar', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expect
      .poll(async () => (await spec.admin.get<Ticket>(`/tickets/${ticket.id}`)).assigneeId)
      .toBe(colleague.id);
    await page.takeButton.waitFor();
    expect(await spec.page.getByText('Asignado a Majo Castillo').count()).toBe(1);
    const { items } = await spec.admin.get<{ items: Message[] }>(`/tickets/${ticket.id}/messages`);
    expect(items.some((m) => m.kind === 'note' && m.body.includes('3.º B'))).toBe(true);
    await page.messages('note').first().waitFor();

    expect(spec.session.pageErrors).toEqual([]);
  });

  it("dispatches a ticket of mine to Contabilidad without naming an agent: it leaves my hands for that department's queue", async () => {
    const page = new TicketPage(spec.page);
    await page.goto(mine.number);
    await page.yoursButton.waitFor();

    await page.dispatchButton.click();
    const dialog = page.dialog(`Delegar ${mine.number}`);
    await dialog.waitFor();
    await pickOption(spec.page, dialog.getByLabel('Departamento'), 'Contabilidad', 'Conta');
    await dialog.getByLabel('Nota para quien lo recibe').fill('Es un cobro doble: que lo revise Contabilidad.');
    await dialog.getByRole('button', { name: 'Delegar', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expect
      .poll(async () => {
        const stored = await spec.admin.get<Ticket & { departmentId: string | null }>(`/tickets/${mine.id}`);
        return { assigneeId: stored.assigneeId, departmentId: stored.departmentId };
      })
      .toEqual({ assigneeId: null, departmentId: accounting.id });
    await page.takeButton.waitFor();
    await spec.page.getByText('Sin asignar').first().waitFor();
    expect(spec.session.pageErrors).toEqual([]);
  });
});
