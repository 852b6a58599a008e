/**
 * The calls Tiquete makes to Meta's Graph API for one WhatsApp number (WhatsApp Business Cloud
 * API): media lookup and download, sending messages, uploading media. The base URL is the
 * number's own, so tests and on-premise proxies point elsewhere.
 */
export interface GraphAccess {
  phoneNumberId: string;
  accessToken: string;
  graphBaseUrl: string;
  graphVersion: string;
}

/** Graph's own error (`{error:{message, code, …}}`), or a transport failure (status 0). */
export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'GraphApiError';
  }
}

export interface MediaInfo {
  url: string;
  mimeType: string;
  sha256: string | null;
  fileSize: number | null;
}

/** A message template Meta approved: its body text has `{{1}}`, `{{2}}`… for the parameters. */
export interface ApprovedTemplate {
  name: string;
  language: string;
  body: string;
  parameters: number;
}

const TIMEOUT_MS = 30_000;

async function call(url: string, token: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new GraphApiError(
      0,
      null,
      `Graph API unreachable: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (response.ok) return response;
  const text = await response.text().catch(() => '');
  let code: number | null = null;
  let message = `Graph API answered ${response.status}`;
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown; code?: unknown } };
    if (typeof body.error?.code === 'number') code = body.error.code;
    if (typeof body.error?.message === 'string') message = `${message}: ${body.error.message}`;
  } catch {
    // Not Graph's JSON (a proxy's HTML page): the status says enough.
  }
  throw new GraphApiError(response.status, code, message);
}

function base(access: GraphAccess): string {
  return `${access.graphBaseUrl.replace(/\/+$/, '')}/${access.graphVersion}`;
}

export function graphClient(access: GraphAccess) {
  return {
    /** Step 1 of a download: where the media is (a URL valid for minutes) and what it is. */
    async mediaInfo(mediaId: string): Promise<MediaInfo> {
      const url = `${base(access)}/${encodeURIComponent(mediaId)}?phone_number_id=${encodeURIComponent(access.phoneNumberId)}`;
      const body = (await (await call(url, access.accessToken)).json()) as Record<string, unknown>;
      if (typeof body.url !== 'string') throw new GraphApiError(502, null, 'Graph API media answer without url');
      // file_size is a string in some documented answers and a number in others.
      const size = Number(body.file_size);
      return {
        url: body.url,
        mimeType: typeof body.mime_type === 'string' ? body.mime_type : 'application/octet-stream',
        sha256: typeof body.sha256 === 'string' ? body.sha256 : null,
        fileSize: Number.isFinite(size) && body.file_size !== undefined ? size : null,
      };
    },

    /** Step 2: the file itself, fetched with the same token (the URL alone gives nothing). */
    async download(url: string, limitBytes: number): Promise<Buffer> {
      const response = await call(url, access.accessToken);
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > limitBytes) {
        throw new GraphApiError(413, null, `The media is larger than the attachment limit (${declared} bytes)`);
      }
      const data = Buffer.from(await response.arrayBuffer());
      if (data.length > limitBytes) {
        throw new GraphApiError(413, null, `The media is larger than the attachment limit (${data.length} bytes)`);
      }
      return data;
    },

    /** Sends a message (`body` without messaging_product); returns the wamid Meta gave it. */
    async sendMessage(body: Record<string, unknown>): Promise<string> {
      const response = await call(
        `${base(access)}/${encodeURIComponent(access.phoneNumberId)}/messages`,
        access.accessToken,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...body }),
        },
      );
      const answer = (await response.json()) as { messages?: { id?: unknown }[] };
      const id = answer.messages?.[0]?.id;
      if (typeof id !== 'string') throw new GraphApiError(502, null, 'Graph API send answer without a message id');
      return id;
    },

    /** The business account's approved templates (the first 100: a support desk has a handful). */
    async approvedTemplates(businessAccountId: string): Promise<ApprovedTemplate[]> {
      const url = `${base(access)}/${encodeURIComponent(businessAccountId)}/message_templates?status=APPROVED&limit=100`;
      const answer = (await (await call(url, access.accessToken)).json()) as { data?: unknown };
      const data = Array.isArray(answer.data) ? (answer.data as Record<string, unknown>[]) : [];
      return data.flatMap((template) => {
        if (typeof template.name !== 'string' || typeof template.language !== 'string') return [];
        if (template.status !== undefined && template.status !== 'APPROVED') return [];
        const components = Array.isArray(template.components) ? (template.components as Record<string, unknown>[]) : [];
        const text = components.find((c) => c.type === 'BODY')?.text;
        const body = typeof text === 'string' ? text : '';
        const numbers = [...body.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1]));
        return [{ name: template.name, language: template.language, body, parameters: Math.max(0, ...numbers) }];
      });
    },

    /** Uploads a file to send by id afterwards; returns the media id. */
    async uploadMedia(file: { data: Buffer; mimeType: string; filename: string }): Promise<string> {
      const form = new FormData();
      form.append('messaging_product', 'whatsapp');
      form.append('type', file.mimeType);
      form.append('file', new Blob([new Uint8Array(file.data)], { type: file.mimeType }), file.filename);
      const response = await call(
        `${base(access)}/${encodeURIComponent(access.phoneNumberId)}/media`,
        access.accessToken,
        {
          method: 'POST',
          body: form,
        },
      );
      const answer = (await response.json()) as { id?: unknown };
      if (typeof answer.id !== 'string') throw new GraphApiError(502, null, 'Graph API upload answer without an id');
      return answer.id;
    },
  };
}

export type GraphClient = ReturnType<typeof graphClient>;
