import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../fixtures/api.ts';
import { type BrowserSession, closeBrowser, launchBrowser, openSession, screenshot } from '../fixtures/browser.ts';
import { startTestServer, type TestServer } from '../fixtures/server.ts';
import { AppShellPage } from '../pages/AppShellPage.ts';
import { ChangePasswordForm } from '../pages/ChangePasswordForm.ts';
import { LoginPage } from '../pages/LoginPage.ts';

const AGENT = { name: 'Rocío Jiménez', email: 'rocio.jimenez@tiquete.test', password: 'Clave-vieja-2024' };
const NEW_PASSWORD = 'Clave-nueva-2025';

describe('an agent changes their own password, which signs out their other sessions', () => {
  let server: TestServer;
  let browser: Browser;
  let session: BrowserSession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const admin = await ApiClient.signIn(server.url, server.admin.email, server.admin.password);
    await admin.post('/agents', { ...AGENT, role: 'agent' });
    session = await openSession(browser, { baseURL: server.url });
  }, 45_000);

  afterAll(async () => {
    await session?.context.close();
    await closeBrowser(browser);
    await server?.stop();
  });

  it('needs the current password, keeps this session and ends the one on another device', async () => {
    const { page } = session;
    // The agent is also signed in elsewhere (another device): that session must end.
    const otherDevice = await ApiClient.signIn(server.url, AGENT.email, AGENT.password);

    const login = new LoginPage(page, 'es');
    await login.goto();
    await login.signIn(AGENT.email, AGENT.password);
    await new AppShellPage(page, 'es').waitUntilShown('queues');

    const form = new ChangePasswordForm(page, 'es');
    await form.open();

    // Mismatched new passwords are caught before anything is sent.
    await form.change(AGENT.password, NEW_PASSWORD, 'otra-cosa-distinta');
    await form.form.getByText(form.text.auth.password.mismatch).waitFor();

    // A wrong current password is refused by the server, in Spanish.
    await form.change('no-es-la-clave', NEW_PASSWORD);
    await form.toast(form.text.errors.codes.CURRENT_PASSWORD_INCORRECT).waitFor();
    await screenshot(page, 'change-password-refused-es');

    await form.change(AGENT.password, NEW_PASSWORD);
    await form.toast(form.text.auth.password.changed).waitFor();
    await screenshot(page, 'change-password-done-es');

    // This browser is still signed in; the other device is not, and only the new password works.
    expect((await page.request.get('/api/v1/auth/session')).status()).toBe(200);
    await expect(otherDevice.get('/auth/session')).rejects.toThrow(/401/);
    await expect(ApiClient.signIn(server.url, AGENT.email, AGENT.password)).rejects.toThrow(/401/);
    await expect(ApiClient.signIn(server.url, AGENT.email, NEW_PASSWORD)).resolves.toBeTruthy();
  });
});
