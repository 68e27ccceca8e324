import { expect, test } from '@playwright/test';

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('the first-run screen follows the browser language and creating a vault works with a Japanese passphrase', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByRole('button', { name: '保管庫を作成' })).toBeVisible();
    await expect(page.getByText('2段階認証の確認コード').first()).toBeVisible();
    await page.getByTestId('start-create').click();
    await page.getByTestId('new-passphrase').fill('おまもりのあいことば');
    await page.getByTestId('confirm-passphrase').fill('おまもりのあいことば');
    await page.getByTestId('create-submit').click();
    await expect(page.getByText('アカウントはまだありません')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('lock').click();
    await page.getByTestId('unlock-passphrase').fill('おまもりのあいことば');
    await page.getByTestId('unlock-submit').click();
    await expect(page.getByText('アカウントはまだありません')).toBeVisible({ timeout: 30_000 });
  });
});

test('the language can be switched on the first screen and is remembered', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Create a vault' })).toBeVisible();
  await page.getByTestId('language').selectOption('ja');
  await expect(page.getByRole('button', { name: '保管庫を作成' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: '保管庫を作成' })).toBeVisible();
});
