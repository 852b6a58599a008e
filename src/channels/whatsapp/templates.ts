import type { Services } from '../../core/services.ts';
import type { Actor } from '../../core/shared/actor.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { type ApprovedTemplate, GraphApiError, graphClient } from './graph-client.ts';

/**
 * The templates Meta approved for the number a reply on the ticket goes from, asked of Graph each
 * time: approvals change in Meta's manager, not in Tiquete. No number configured: none.
 */
export async function approvedTemplatesFor(
  services: Pick<Services, 'whatsapp' | 'whatsappNumbers'>,
  actor: Actor,
  ticketIdOrNumber: string,
): Promise<ApprovedTemplate[]> {
  const numberId = await services.whatsapp.replyNumberOf(actor, ticketIdOrNumber);
  const number = numberId ? await services.whatsappNumbers.find(numberId) : undefined;
  if (!number) return [];
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
