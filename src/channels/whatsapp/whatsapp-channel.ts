import type { Config } from '../../config/config.ts';
import type { Services } from '../../core/services.ts';
import { MEDIA_DOWNLOAD_JOB } from '../../core/whatsapp/whatsapp-inbound.service.ts';
import type { BackgroundWork } from '../../jobs/background.ts';
import { currentAttachmentLimit, mailAttachmentStore } from '../email/email-channel.ts';
import { GraphApiError, graphClient } from './graph-client.ts';

/**
 * The WhatsApp outbox handlers. A media file of a customer's message is fetched through the Graph
 * media endpoint after the message is stored; a failure throws, and the outbox tries again later
 * (1 min, 2, 4 … up to hourly), so the message is never held back nor its file lost.
 */
export function whatsappOutbound(services: Services, config: Config): Pick<BackgroundWork, 'outboxHandlers'> {
  const store = mailAttachmentStore(config);
  const attachmentLimit = currentAttachmentLimit(services, config);
  return {
    outboxHandlers: {
      [MEDIA_DOWNLOAD_JOB]: async (item) => {
        const mediaRowId = typeof item.payload.mediaRowId === 'string' ? item.payload.mediaRowId : null;
        const media = mediaRowId ? await services.whatsapp.mediaToFetch(mediaRowId) : undefined;
        if (!media || media.storedAt) return;
        const number = await services.whatsappNumbers.find(media.numberId);
        if (!number) throw new Error(`The WhatsApp number ${media.numberId} is no longer configured`);
        const graph = graphClient(number);
        const limitBytes = await attachmentLimit();
        try {
          const info = await graph.mediaInfo(media.mediaId);
          if (info.fileSize !== null && info.fileSize > limitBytes) {
            throw new GraphApiError(
              413,
              null,
              `The media is larger than the attachment limit (${info.fileSize} bytes)`,
            );
          }
          // The URL lasts minutes: fetched right away, and looked up again on every retry.
          const data = await graph.download(info.url, limitBytes);
          await services.whatsapp.storeMedia(
            media.id,
            { data, mimeType: media.mimeType ?? info.mimeType },
            {
              ...store,
              limitBytes,
            },
          );
        } catch (error) {
          // Too large stays too large: the ticket says so instead of retrying for two days.
          if (error instanceof GraphApiError && error.status === 413) {
            await services.whatsapp.skipMedia(media.id);
            return;
          }
          throw error;
        }
      },
    },
  };
}
