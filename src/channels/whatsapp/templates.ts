import type { Services } from '../../core/services.ts';
import type { Actor } from '../../core/shared/actor.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { WhatsappNumber } from '../../core/whatsapp/whatsapp-number.service.ts';
import { type ApprovedTemplate, GraphApiError, graphClient } from './graph-client.ts';

/**
 * The templates Meta approved for a number, asked of Graph each time: approvals change in Meta's
 * manager, not in Tiquete.
 */
export async function approvedTemplatesOf(number: WhatsappNumber): Promise<ApprovedTemplate[]> {
  try {
    return await graphClient(number).approvedTemplates(number.businessAccountId);
  } catch (error) {
    if (!(error instanceof GraphApiError)) throw error;
    throw new AppError(
      'WHATSAPP_GRAPH_UNAVAILABLE',
      `The templates could not be read from WhatsApp: ${error.message}`,
      {
        status: error.status,
      },
    );
  }
}

/** The approved templates of the number a reply on the ticket goes from. No number configured: none. */
export async function approvedTemplatesFor(
  services: Pick<Services, 'whatsapp' | 'whatsappNumbers'>,
  actor: Actor,
  ticketIdOrNumber: string,
): Promise<ApprovedTemplate[]> {
  const numberId = await services.whatsapp.replyNumberOf(actor, ticketIdOrNumber);
  const number = numberId ? await services.whatsappNumbers.find(numberId) : undefined;
  return number ? approvedTemplatesOf(number) : [];
}
