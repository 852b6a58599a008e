import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, closeBrowser, launchBrowser, openSession, screenshot } from '../fixtures/browser.ts';
import { startTestServer, type TestServer } from '../fixtures/server.ts';
import { AppShellPage } from '../pages/AppShellPage.ts';
import { LoginPage } from '../pages/LoginPage.ts';

type SessionBody = { user: { name: string; locale: string; role: string } };

describe('an agent signs in, works in their language and signs out', () => {
  let server: TestServer;
  let browser: Browser;
  let session: BrowserSession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    // An English-speaking browser on purpose: the console must still open in Spanish.
    session = await openSession(browser, { baseURL: server.url, locale: 'en-US' });
  }, 45_000);

  afterAll(async () => {
    await session?.context.close();
    await closeBrowser(browser);
    await server?.stop();
  });

  it('opens in Spanish, keeps the English the agent chose across reloads, and signs out', async () => {
    const { page } = session;

    // A signed-out visit to a console page lands on the sign-in page, in Spanish by default,
    // remembering where the agent was going.
    await page.goto('/queues');
    const login = new LoginPage(page, 'es');
    await login.waitUntilShown();
    const loginUrl = new URL(page.url());
    expect(loginUrl.pathname).toBe('/login');
    expect(loginUrl.searchParams.get('redirect')).toBe('/queues');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await login.heading.textContent()).toBe('Inicia sesión');
    await screenshot(page, 'login-es');

    // A wrong password is explained in Spanish, from the server's error code.
    await login.signIn(server.admin.email, 'no-es-la-clave');
    await login.errorAlert.waitFor();
    expect(await login.errorAlert.textContent()).toContain('El correo o la contraseña no son correctos.');

    await login.signIn(server.admin.email, server.admin.password);
    const shell = new AppShellPage(page, 'es');
    await shell.waitUntilShown('queues');
    // The queues open on the agent's first saved view.
    expect(new URL(page.url()).pathname).toMatch(/^\/queues\/[\w-]+$/);

    const me = (await (await page.request.get('/api/v1/auth/session')).json()) as SessionBody;
    expect(me.user.role).toBe('admin');
    expect(me.user.locale).toBe('es');
    expect(await shell.currentUserName.textContent()).toBe(me.user.name);
    expect(await shell.signOutButton.textContent()).toContain('Cerrar sesión');
    for (const [section, label] of [
      ['queues', 'Colas'],
      ['contacts', 'Contactos'],
      ['organizations', 'Organizaciones'],
      ['reports', 'Informes'],
      ['admin', 'Administración'],
    ] as const) {
      expect(await shell.navLink(section).textContent()).toBe(label);
    }
    expect(await shell.languageOption('es').isChecked()).toBe(true);
    expect(await page.title()).toBe('Mis tickets · Tiquete');
    await screenshot(page, 'shell-es');

    // The start page is the console too: signed in, it opens the queues.
    await page.goto('/');
    await shell.waitUntilShown('queues');
    expect(new URL(page.url()).pathname).toMatch(/^\/queues\/[\w-]+$/);

    await shell.open('contacts');
    expect(new URL(page.url()).pathname).toBe('/contacts');

    // Switching to English changes the screen at once and is stored on the agent.
    const saved = await shell.switchLanguage('en');
    expect(saved.status()).toBe(200);
    const english = shell.in('en');
    await english.sectionHeading('contacts').waitFor();
    expect(await english.navLink('queues').textContent()).toBe('Queues');
    expect(await english.signOutButton.textContent()).toContain('Sign out');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe('Contacts · Tiquete');
    await screenshot(page, 'shell-en');

    // After a reload the language comes from the agent record, not from this page's memory.
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await english.waitUntilShown('contacts');
    expect(await english.languageOption('en').isChecked()).toBe(true);
    const stored = (await (await page.request.get('/api/v1/auth/session')).json()) as SessionBody;
    expect(stored.user.locale).toBe('en');

    // Signing out returns to the sign-in page, and the console stays closed afterwards.
    await english.signOut();
    const loginEn = new LoginPage(page, 'en');
    await loginEn.waitUntilShown();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect((await page.request.get('/api/v1/auth/session')).status()).toBe(401);
    await page.goto('/queues');
    await loginEn.waitUntilShown();
    expect(new URL(page.url()).pathname).toBe('/login');

    expect(session.pageErrors).toEqual([]);
  });
});
