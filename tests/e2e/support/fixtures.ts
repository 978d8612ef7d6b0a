// Fixtures every spec uses: the server's address, a record of browser errors (a CSP violation or an uncaught
// exception fails the test), and `inspect`, which checks a screen with axe-core in the light and the dark
// theme on a laptop and on a phone, checks that the phone does not scroll sideways, and saves a screenshot of each.
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const ADMIN = { email: 'ada@example.com', password: 'correct horse battery staple', name: 'Ada Lovelace' };
export const VIEWER = { email: 'grace@example.com', password: 'another long passphrase', name: 'Grace Hopper' };

const SCREENS = new URL('../artifacts/screens/', import.meta.url).pathname;

// The theme is chosen in the user menu (in the sidebar, or in the folded menu on a phone); signed-out screens
// have a switch of their own.
async function setTheme(page: Page, theme: 'light' | 'dark') {
  const name = theme === 'dark' ? 'Dark theme' : 'Light theme';
  if ((await page.locator('dialog[open]').count()) > 0) {
    // A modal dialog makes the rest of the page inert: change it as another tab would.
    await page.evaluate((value) => {
      localStorage.setItem('cc.theme', JSON.stringify(value));
      window.dispatchEvent(new StorageEvent('storage', { key: 'cc.theme', newValue: JSON.stringify(value) }));
    }, theme);
    await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
    return;
  }
  const radio = page.getByRole('radio', { name }).filter({ visible: true });
  const userMenu = page.getByRole('button').filter({ has: page.getByTestId('signed-in-user') }).filter({ visible: true });
  const phoneMenu = page.getByRole('button', { name: 'Open menu' }).filter({ visible: true });
  // Whichever the screen offers, once it has rendered.
  await expect(radio.or(userMenu).or(phoneMenu).first()).toBeVisible();
  if ((await radio.count()) > 0) {
    await radio.first().click();
  } else if ((await userMenu.count()) > 0) {
    await userMenu.click();
    await page.getByRole('menuitemradio', { name }).click();
  } else {
    await phoneMenu.click();
    const menu = page.getByRole('dialog', { name: 'Menu' });
    await menu.getByRole('button').filter({ has: page.getByTestId('signed-in-user') }).click();
    await menu.getByRole('menuitemradio', { name }).click();
    await menu.getByRole('button', { name: 'Close menu' }).click();
  }
  await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
}

// The sizes every screen is checked at: a laptop, and a phone (an iPhone 12–15 in portrait).
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
const VIEWPORTS = [
  { suffix: '', size: DESKTOP },
  { suffix: '-phone', size: PHONE },
];

// Resizing re-lays out the page (the radar redraws for its new width): wait two frames for it to settle.
async function settle(page: Page) {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

// Nothing on the page is wider than the window: the page never scrolls sideways (only boxes inside it may).
export async function expectNoSidewaysScroll(page: Page, name: string) {
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    const width = window.innerWidth;
    // The widest elements that stick out, to say where to look when this fails.
    const culprits = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'fixed')
      .slice(-3)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${String(e.className).split(' ').slice(0, 4).join('.')} (right ${Math.round(e.getBoundingClientRect().right)})`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits };
  });
  expect(scrollWidth, `${name} scrolls sideways at ${innerWidth}px: ${culprits.join(', ')}`).toBeLessThanOrEqual(innerWidth);
}

// On a laptop and on a phone, in both themes: zero serious or critical axe violations and a full-page screenshot;
// on the phone nothing scrolls sideways. The viewport the test had is restored afterwards.
export async function inspect(page: Page, name: string) {
  const original = page.viewportSize();
  for (const { suffix, size } of VIEWPORTS) {
    await page.setViewportSize(size);
    await settle(page);
    if (size === PHONE) await expectNoSidewaysScroll(page, name);
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const blocking = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`);
      expect(blocking, `axe violations on ${name} at ${size.width}x${size.height} (${theme})`).toEqual([]);
      await page.screenshot({ path: `${SCREENS}${name}${suffix}-${theme}.png`, fullPage: true });
    }
    await setTheme(page, 'light');
  }
  if (original) {
    await page.setViewportSize(original);
    await settle(page);
  }
}

export const test = base.extend<{ browserErrors: string[] }>({
  baseURL: async ({}, use) => {
    await use(process.env.CC_E2E_BASE_URL);
  },
  browserErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        const text = message.text();
        if (/Content Security Policy|Refused to (load|apply|execute)/i.test(text)) errors.push(`CSP: ${text}`);
      });
      page.on('pageerror', (error) => errors.push(`Uncaught: ${error.message}`));
      await use(errors);
      expect(errors, 'the browser reported errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
