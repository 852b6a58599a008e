import { describe, expect, it } from 'vitest';
import { artifactPath } from '../fixtures/browser.ts';
import { consoleJourney } from '../fixtures/console-journey.ts';
import { AdminPage, type AdminSectionName } from '../pages/AdminPage.ts';

// Issue 13: 18 tabs in one strip hid the active one on a direct load. Opened by its address on a
// desktop, each section shows its own screen, and its place in the side navigation is marked and seen.
describe('administration opened by direct address on a 1280 px desktop', () => {
  const spec = consoleJourney({ viewport: { width: 1280, height: 800 } });
  const LAST_ONES: AdminSectionName[] = ['email-templates', 'contracts', 'failed-mail', 'notifications'];

  it('marks the section of the address in the side navigation, within the window, and shows its screen', async () => {
    const admin = new AdminPage(spec.page);
    for (const section of LAST_ONES) {
      await spec.page.goto(`/admin/${section}`);
      await admin.screen(section).waitFor();
      const link = admin.link(section);
      expect(await link.getAttribute('aria-current'), section).toBe('page');
      const box = await link.boundingBox();
      expect(box, section).not.toBeNull();
      expect(box && box.y >= 0 && box.y + box.height <= 800, `${section} is in the window`).toBe(true);
      // No sideways scroll on the page itself.
      expect(await spec.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await spec.page.screenshot({ path: await artifactPath(`admin-direct-${section}`) });
    }
  });

  it('finds a setting by name in the navigation search and opens it', async () => {
    const admin = new AdminPage(spec.page);
    await spec.page.goto('/admin/statuses');
    await admin.screen('statuses').waitFor();
    await admin.navigation.getByRole('searchbox', { name: admin.text.admin.nav.search }).fill('plantil');
    await admin.link('email-templates').click();
    await admin.screen('email-templates').waitFor();
    expect(new URL(spec.page.url()).pathname).toBe('/admin/email-templates');
    expect(spec.session.pageErrors).toEqual([]);
  });
});
