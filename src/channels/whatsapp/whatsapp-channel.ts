import type { Config } from '../../config/config.ts';
import { REPLY_WHATSAPP_JOB, type WhatsappTemplate } from '../../core/conversation/message.service.ts';
import type { Services } from '../../core/services.ts';
import { MEDIA_DOWNLOAD_JOB } from '../../core/whatsapp/whatsapp-inbound.service.ts';
import type { BackgroundWork } from '../../jobs/background.ts';
import { currentAttachmentLimit, mailAttachmentStore } from '../email/email-channel.ts';
import { GraphApiError, graphClient } from './graph-client.ts';

/**
 * The WhatsApp outbox handlers. A reply goes out through the Graph send endpoint (text, then each
 * file uploaded and sent by its media id; or an approved template), each wamid recorded so its
 * statuses tick the reply; each part (text, file, template) is recorded as Meta takes it, so a
 * retried reply resumes where it stopped. A media file of a customer's message is fetched through the Graph
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

      [REPLY_WHATSAPP_JOB]: async (item) => {
        const ticketId = typeof item.payload.ticketId === 'string' ? item.payload.ticketId : item.ticketId;
        const messageId = typeof item.payload.messageId === 'string' ? item.payload.messageId : null;
        if (!ticketId || !messageId) return;
        const reply = await services.whatsapp.replyToSend(ticketId, messageId, store);
        // Gone, or Meta took it already (a crash right after the send): never sent twice.
        if (!reply || reply.alreadySent) return;
        const number = reply.numberId ? await services.whatsappNumbers.find(reply.numberId) : undefined;
        if (!number || !reply.to)
          throw new Error('No configured WhatsApp number or customer WhatsApp id to send from/to');
        const graph = graphClient(number);
        const to = reply.to;
        // Each part once: one Meta took already (an earlier attempt) is skipped.
        const send = async (part: string, body: Record<string, unknown>) => {
          if (reply.parts.get(part)?.wamid) return;
          await services.whatsapp.recordSent(ticketId, messageId, part, await graph.sendMessage({ to, ...body }));
        };
        const template = templateOf(item.payload.template);
        if (template) {
          await send('template', {
            type: 'template',
            template: {
              name: template.name,
              language: { code: template.language },
              ...(template.parameters.length > 0 && {
                components: [{ type: 'body', parameters: template.parameters.map((text) => ({ type: 'text', text })) }],
              }),
            },
          });
          return;
        }
        // Meta takes at most 4096 characters per text; a longer reply goes in parts, in order.
        for (let start = 0; start < reply.body.length; start += MAX_TEXT) {
          const body = reply.body.slice(start, start + MAX_TEXT);
          await send(`text:${start / MAX_TEXT}`, { type: 'text', text: { body, preview_url: false } });
        }
        for (const file of reply.files) {
          const part = `file:${file.id}`;
          const done = reply.parts.get(part);
          if (done?.wamid) continue;
          // Uploaded by an attempt whose send failed (or that died before it): sent by that media id.
          let mediaId = done?.mediaId;
          if (!mediaId) {
            mediaId = await graph.uploadMedia({ data: file.data, mimeType: file.contentType, filename: file.filename });
            await services.whatsapp.recordUpload(messageId, part, mediaId);
          }
          const type = IMAGE_TYPES.includes(file.contentType) ? 'image' : 'document';
          const media = type === 'document' ? { id: mediaId, filename: file.filename } : { id: mediaId };
          await send(part, { type, [type]: media });
        }
      },
    },
  };
}

const MAX_TEXT = 4096;
/** What WhatsApp shows as a photo; any other file goes as a document with its name. */
const IMAGE_TYPES = ['image/jpeg', 'image/png'];

function templateOf(value: unknown): WhatsappTemplate | null {
  if (!value || typeof value !== 'object') return null;
  const t = value as Record<string, unknown>;
  if (typeof t.name !== 'string' || typeof t.language !== 'string') return null;
  const parameters = Array.isArray(t.parameters) ? t.parameters.filter((p): p is string => typeof p === 'string') : [];
  return { name: t.name, language: t.language, parameters };
}
