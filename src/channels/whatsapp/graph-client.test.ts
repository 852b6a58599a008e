import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../../testing/fake-graph-api.ts';
import { GraphApiError, graphClient } from './graph-client.ts';

describe('Graph API client against the local fake Graph API', () => {
  let graph: FakeGraphApi;
  const access = () => ({
    phoneNumberId: '106540352242922',
    accessToken: graph.accessToken,
    graphBaseUrl: graph.baseUrl,
    graphVersion: 'v23.0',
  });

  beforeAll(async () => {
    graph = await startFakeGraphApi({ accessToken: 'EAAG-prueba' });
  });
  afterAll(() => graph.close());

  it('downloads media in two steps, both with the bearer token', async () => {
    const id = graph.addMedia({ data: Buffer.from('%PDF-1.4 comprobante'), mimeType: 'application/pdf' });
    const client = graphClient(access());
    const info = await client.mediaInfo(id);
    expect(info).toMatchObject({ mimeType: 'application/pdf', fileSize: 20 });
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await client.download(info.url, 1000)).toString()).toBe('%PDF-1.4 comprobante');
    const [lookup, download] = graph.calls.slice(-2);
    expect(lookup).toMatchObject({ endpoint: 'media-url', version: 'v23.0', authorization: 'Bearer EAAG-prueba' });
    expect(download).toMatchObject({ endpoint: 'download', authorization: 'Bearer EAAG-prueba' });
    await expect(client.download(info.url, 5)).rejects.toMatchObject({ status: 413 });
    // Without the token the URL gives nothing, as at Meta.
    expect((await fetch(info.url)).status).toBe(401);
  });

  it('sends a text and gets the wamid; uploads a file and gets its media id', async () => {
    const client = graphClient(access());
    const wamid = await client.sendMessage({
      to: '50688881234',
      type: 'text',
      text: { body: 'Hola', preview_url: false },
    });
    expect(wamid).toMatch(/^wamid\./);
    expect(graph.callsTo('messages').at(-1)?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '50688881234',
      type: 'text',
      text: { body: 'Hola', preview_url: false },
    });
    const mediaId = await client.uploadMedia({ data: Buffer.from('png'), mimeType: 'image/png', filename: 'a.png' });
    expect(graph.uploads.get(mediaId)?.data.toString()).toBe('png');
    expect(graph.callsTo('upload').at(-1)?.body).toMatchObject({
      messaging_product: 'whatsapp',
      type: 'image/png',
      file: { filename: 'a.png', mimeType: 'image/png', size: 3 },
    });
  });

  it("surfaces Graph's errors: told to fail twice it fails twice, then works; a wrong token is 401 code 190", async () => {
    const client = graphClient(access());
    graph.failNext('messages', 2, { status: 503, code: 2, message: 'Service temporarily unavailable' });
    const send = () => client.sendMessage({ to: '50688881234', type: 'text', text: { body: 'x' } });
    for (let i = 0; i < 2; i++) {
      const error = await send().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphApiError);
      expect(error).toMatchObject({ status: 503, code: 2 });
    }
    expect(await send()).toMatch(/^wamid\./);
    const wrong = graphClient({ ...access(), accessToken: 'otro' });
    await expect(wrong.sendMessage({ to: '1', type: 'text', text: { body: 'x' } })).rejects.toMatchObject({
      status: 401,
      code: 190,
    });
    await expect(client.sendMessage({ to: '50688881234', type: 'text', text: { body: '' } })).rejects.toMatchObject({
      status: 400,
      code: 100,
    });
  });
});
