import { createHash, randomBytes } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyReply } from 'fastify';

/**
 * A local stand-in for Meta's Graph API (WhatsApp Business Cloud API), on 127.0.0.1 and a free
 * port, speaking the documented formats (shared/corpus/whatsapp/README.md):
 * - `GET /{version}/{media-id}` → `{messaging_product, url, mime_type, sha256, file_size, id}`;
 * - `GET {url}` with the same Bearer token → the file (without the token: 401, as at Meta);
 * - `POST /{version}/{phone-number-id}/messages` → `{messaging_product, contacts:[{input, wa_id}], messages:[{id}]}`;
 * - `POST /{version}/{phone-number-id}/media` (multipart: file, type, messaging_product) → `{id}`;
 * - `GET /{version}/{business-account-id}/message_templates?status=APPROVED` → `{data:[{name, language, status, components}], paging}`.
 * Errors come in Graph's shape `{error:{message, type, code, error_subcode?, fbtrace_id}}`.
 * Every call is recorded; `failNext` makes the next calls of an endpoint fail.
 */
export type GraphEndpoint = 'media-url' | 'download' | 'messages' | 'upload' | 'templates';

export interface GraphCall {
  endpoint: GraphEndpoint;
  method: string;
  path: string;
  version: string | null;
  authorization: string | null;
  /** The JSON body (messages) or the form fields (upload, the file as `{filename, mimeType, size}`). */
  body: unknown;
  /** What the fake answered. */
  status: number;
  /** The wamid a message send was given (its statuses name it). */
  wamid?: string;
}

export interface StoredMedia {
  id: string;
  data: Buffer;
  mimeType: string;
  filename: string | null;
}

export interface FakeGraphApi {
  /** The base URL to configure as a number's Graph base URL. */
  readonly baseUrl: string;
  readonly calls: GraphCall[];
  /** The bearer token the fake accepts (a number's access token). */
  accessToken: string;
  /** Media a customer "sent": the webhook names it by `id`; returns the id. */
  addMedia(media: { data: Buffer; mimeType: string; id?: string; filename?: string }): string;
  /** The business account's message templates, as Graph lists them (any status; the query filters). */
  templates: FakeTemplate[];
  /** Files uploaded through `POST /{phone-number-id}/media`, by the id the fake gave. */
  readonly uploads: Map<string, StoredMedia>;
  /**
   * The next `count` calls of `endpoint` fail with `status` and a Graph error (default 500, code 1);
   * with `after`, only once that many calls of it went through.
   */
  failNext(
    endpoint: GraphEndpoint,
    count: number,
    error?: { status?: number; code?: number; message?: string; after?: number },
  ): void;
  callsTo(endpoint: GraphEndpoint): GraphCall[];
  close(): Promise<void>;
}

export interface FakeTemplate {
  name: string;
  language: string;
  status: 'APPROVED' | 'PENDING' | 'REJECTED';
  category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION';
  components: { type: 'HEADER' | 'BODY' | 'FOOTER'; text: string }[];
}

/** Wolk's approved follow-up, and one still waiting for Meta's review. */
const TEMPLATES: FakeTemplate[] = [
  {
    name: 'seguimiento_caso',
    language: 'es',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [
      { type: 'BODY', text: 'Hola {{1}}, le escribimos sobre su caso {{2}}. ¿Podemos ayudarle en algo más?' },
    ],
  },
  {
    name: 'promocion_diciembre',
    language: 'es',
    status: 'PENDING',
    category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Promoción de diciembre' }],
  },
];

const VERSION = /^v\d{1,3}\.\d{1,3}$/;
const MESSAGE_TYPES = ['text', 'image', 'document', 'audio', 'video', 'sticker', 'template', 'location', 'reaction'];

function graphError(reply: FastifyReply, status: number, code: number, message: string, type = 'OAuthException') {
  return reply.status(status).send({
    error: { message, type, code, fbtrace_id: randomBytes(8).toString('base64url') },
  });
}

export async function startFakeGraphApi(opts: { accessToken?: string } = {}): Promise<FakeGraphApi> {
  const app = Fastify({ logger: false });
  await app.register(fastifyMultipart, { limits: { fileSize: 100 * 1024 * 1024 } });
  const media = new Map<string, StoredMedia>();
  const uploads = new Map<string, StoredMedia>();
  const calls: GraphCall[] = [];
  const failures = new Map<
    GraphEndpoint,
    { after: number; count: number; status: number; code: number; message: string }
  >();
  let baseUrl = '';

  const fake: FakeGraphApi = {
    get baseUrl() {
      return baseUrl;
    },
    calls,
    accessToken: opts.accessToken ?? 'fake-graph-token',
    uploads,
    templates: TEMPLATES.map((template) => ({ ...template })),
    addMedia(input) {
      const id = input.id ?? String(1_000_000_000_000 + Math.floor(Math.random() * 1e12));
      media.set(id, { id, data: input.data, mimeType: input.mimeType, filename: input.filename ?? null });
      return id;
    },
    failNext(endpoint, count, error = {}) {
      failures.set(endpoint, {
        after: error.after ?? 0,
        count,
        status: error.status ?? 500,
        code: error.code ?? 1,
        message: error.message ?? 'An unknown error occurred',
      });
    },
    callsTo: (endpoint) => calls.filter((call) => call.endpoint === endpoint),
    close: () => app.close(),
  };

  /** Records the call; answers for the fake when the call must fail or is not authorized. */
  function gate(
    endpoint: GraphEndpoint,
    request: { method: string; url: string; headers: Record<string, unknown> },
    reply: FastifyReply,
    version: string | null,
    body: unknown,
  ): GraphCall | null {
    const authorization = typeof request.headers.authorization === 'string' ? request.headers.authorization : null;
    const call: GraphCall = {
      endpoint,
      method: request.method,
      path: request.url,
      version,
      authorization,
      body,
      status: 200,
    };
    calls.push(call);
    const failure = failures.get(endpoint);
    if (version !== null && !VERSION.test(version)) {
      call.status = 400;
      graphError(reply, 400, 2500, `Unknown path components: /${version}`);
      return null;
    }
    if (authorization !== `Bearer ${fake.accessToken}`) {
      call.status = 401;
      graphError(reply, 401, 190, 'Invalid OAuth access token - Cannot parse access token');
      return null;
    }
    if (failure && failure.after > 0) failure.after--;
    else if (failure && failure.count > 0) {
      failure.count--;
      call.status = failure.status;
      graphError(reply, failure.status, failure.code, failure.message);
      return null;
    }
    return call;
  }

  app.get<{ Params: { id: string } }>('/lookaside/:id', async (request, reply) => {
    if (!gate('download', request, reply, null, null)) return reply;
    const file = media.get(request.params.id);
    if (!file) return graphError(reply, 404, 100, 'Media not found');
    return reply.type(file.mimeType).send(file.data);
  });

  app.get<{ Params: { version: string; id: string } }>('/:version/:id', async (request, reply) => {
    if (!gate('media-url', request, reply, request.params.version, null)) return reply;
    const file = media.get(request.params.id);
    if (!file) {
      return graphError(
        reply,
        400,
        100,
        `Unsupported get request. Object with ID '${request.params.id}' does not exist`,
      );
    }
    return {
      messaging_product: 'whatsapp',
      url: `${baseUrl}/lookaside/${file.id}`,
      mime_type: file.mimeType,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      // A string in some documented examples, a number in others; the client accepts both.
      file_size: String(file.data.length),
      id: file.id,
    };
  });

  app.get<{ Params: { version: string; accountId: string }; Querystring: { status?: string } }>(
    '/:version/:accountId/message_templates',
    async (request, reply) => {
      if (!gate('templates', request, reply, request.params.version, null)) return reply;
      const wanted = request.query.status?.split(',');
      const data = fake.templates
        .filter((template) => !wanted || wanted.includes(template.status))
        .map((template, index) => ({ ...template, id: String(3_000_000_000_000 + index) }));
      return { data, paging: { cursors: { before: 'MAZDZD', after: 'MjQZD' } } };
    },
  );

  app.post<{ Params: { version: string; phoneNumberId: string }; Body: Record<string, unknown> }>(
    '/:version/:phoneNumberId/messages',
    async (request, reply) => {
      const body = request.body ?? {};
      if (!gate('messages', request, reply, request.params.version, body)) return reply;
      const type = typeof body.type === 'string' ? body.type : 'text';
      const to = typeof body.to === 'string' ? body.to : '';
      const invalid = (message: string) => {
        const call = calls[calls.length - 1] as GraphCall;
        call.status = 400;
        return graphError(reply, 400, 100, `(#100) ${message}`);
      };
      if (body.messaging_product !== 'whatsapp') return invalid('The parameter messaging_product is required.');
      if (!to) return invalid('The parameter to is required.');
      if (!MESSAGE_TYPES.includes(type)) return invalid(`Param type must be one of {${MESSAGE_TYPES.join(', ')}}`);
      const content = body[type] as Record<string, unknown> | undefined;
      if (!content || typeof content !== 'object') return invalid(`The parameter ${type} is required.`);
      if (type === 'text') {
        if (typeof content.body !== 'string' || content.body === '')
          return invalid('The parameter text.body is required.');
        if (content.body.length > 4096) return invalid('Param text.body must be at most 4096 characters long.');
      }
      if (['image', 'document', 'audio', 'video', 'sticker'].includes(type) && !content.id && !content.link) {
        return invalid(`Either ${type}.id or ${type}.link is required.`);
      }
      if (type === 'template') {
        const language = content.language as { code?: unknown } | undefined;
        if (typeof content.name !== 'string' || typeof language?.code !== 'string') {
          return invalid('The parameters template.name and template.language.code are required.');
        }
      }
      const waId = to.replace(/\D/g, '');
      const wamid = `wamid.${randomBytes(24).toString('base64url')}`;
      (calls[calls.length - 1] as GraphCall).wamid = wamid;
      return {
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: waId }],
        messages: [{ id: wamid }],
      };
    },
  );

  app.post<{ Params: { version: string; phoneNumberId: string } }>(
    '/:version/:phoneNumberId/media',
    async (request, reply) => {
      const fields: Record<string, unknown> = {};
      let file: StoredMedia | null = null;
      if (request.isMultipart()) {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const data = await part.toBuffer();
            file = { id: '', data, mimeType: part.mimetype, filename: part.filename };
            fields[part.fieldname] = { filename: part.filename, mimeType: part.mimetype, size: data.length };
          } else fields[part.fieldname] = part.value;
        }
      }
      const call = gate('upload', request, reply, request.params.version, fields);
      if (!call) return reply;
      if (fields.messaging_product !== 'whatsapp' || !file) {
        call.status = 400;
        return graphError(reply, 400, 100, '(#100) The parameters messaging_product and file are required.');
      }
      const id = String(2_000_000_000_000 + uploads.size + 1);
      uploads.set(id, { ...file, id });
      return { id };
    },
  );

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the fake Graph API did not listen');
  baseUrl = `http://127.0.0.1:${address.port}`;
  return fake;
}
