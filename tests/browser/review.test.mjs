// The DPO's web UI in a real headless Chromium (Debian's), against a real `galguard serve`
// whose quarantine was filled over SMTP and whose release relay is Postfix's smtp-sink.
// Screenshots of the queue and the incident page go to $GALGUARD_SCREENSHOTS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Gateway, sourceDir } from './fixture.mjs';

const screenshots = process.env.GALGUARD_SCREENSHOTS ?? '/tmp/galguard-screenshots';
const password = { dora: 'Dora-dataskydd-2026', erik: 'Erik-dataskydd-2026', vera: 'Vera-viewer-2026!' };
const reference = join(sourceDir, 'samples/messages/01-skarholmen-incident.eml');
const nameBoundElsewhere = join(sourceDir, 'samples/messages/04-name-bound-elsewhere.eml');
const xss = '<script>alert(1)</script>';

let gateway;
let browser;
const held = {};  // what the gateway held, by what it is
const dialogs = [];

async function newPage() {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return page;
}

async function login(page, name) {
  await page.goto(`${gateway.url}/login`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password[name]);
  await page.getByRole('button', { name: 'Log in' }).click();
}

function messageState(id) {
  return JSON.parse(gateway.galguard(['quarantine', 'show', id, '--json'])).state;
}

async function decide(page, id, action, reason) {
  await page.goto(`${gateway.url}/messages/${id}`);
  await page.locator(`#reason-${action}`).fill(reason);
  await page.locator(`form[action="/messages/${id}/${action}"] button[type=submit]`).click();
}

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  gateway = await Gateway.start({ fourEyes: true });
  gateway.addUser('dora', 'dpo', password.dora);
  gateway.addUser('erik', 'dpo', password.erik);
  gateway.addUser('vera', 'viewer', password.vera);
  const from = 'it.skarholmen@stockholm.se';
  held.reference = gateway.send({ from, to: 'm.exempel@elevstockholm.onmicrosoft.com', file: reference });
  held.toRelease = gateway.send({ from, to: 'dso.skarholmen@elevstockholm.onmicrosoft.com', file: nameBoundElsewhere });
  // The reference case again, with a display name and subject that are HTML.
  const crafted = readFileSync(reference, 'latin1')
    .replace(/^To: .*$/m, `To: "Service Desk 33900 ${xss}" <m.exempel@elevstockholm.onmicrosoft.com>`)
    .replace(/^Subject: .*$/m, `Subject: ${xss} <img src=x onerror=alert(2)>`);
  held.crafted = gateway.send({ from, to: 'm.exempel@elevstockholm.onmicrosoft.com', data: crafted });
  // The reference case a third time, for the four-eyes release.
  held.fourEyes = gateway.send({ from, to: 'm.exempel@elevstockholm.onmicrosoft.com', file: reference });
  for (const [what, id] of Object.entries(held)) assert.ok(id, `the gateway held ${what}`);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  gateway?.stop();
});

test('a wrong password does not log in', async () => {
  const page = await newPage();
  await page.goto(`${gateway.url}/login`);
  await page.getByLabel('Name').fill('dora');
  await page.getByLabel('Password').fill('not-her-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await assert.doesNotReject(page.getByText(/wrong name or password|incorrect|failed/i).first().waitFor());
  assert.equal(await page.getByRole('button', { name: 'Log out' }).count(), 0);
  const queue = await page.goto(`${gateway.url}/queue`);
  assert.match(page.url(), /\/login/, `an anonymous /queue must lead to the login page (${queue.status()})`);
});

test('the DPO logs in and sees the reference case in the queue', async () => {
  const page = await newPage();
  await login(page, 'dora');
  await page.waitForURL(/\/queue/);
  const queue = await page.locator('main').innerText();
  assert.match(queue, /Beställning dubbelkonto för IT-praktikant/);
  assert.match(queue, /foreign-tenant-internal-name/);
  assert.ok((await page.locator('svg rect').count()) >= 30, 'the held-per-day chart has 30 bars');
  await page.screenshot({ path: join(screenshots, 'queue.png'), fullPage: true });
  console.log(`screenshot: ${join(screenshots, 'queue.png')}`);
});

test('the queue and a message read on a phone without sideways scrolling', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${gateway.url}/login`);
  await page.getByLabel('Name').fill('dora');
  await page.getByLabel('Password').fill(password.dora);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/queue/);
  for (const path of ['/queue', `/messages/${held.reference}`]) {
    await page.goto(`${gateway.url}${path}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${path} is ${width} px wide on a 390 px screen`);
  }
  await page.goto(`${gateway.url}/queue`);
  await page.screenshot({ path: join(screenshots, 'queue-phone.png'), fullPage: true });
  await context.close();
});

test('a display name and subject made of HTML render as text', async () => {
  const page = await newPage();
  await login(page, 'dora');
  await page.waitForURL(/\/queue/);
  assert.match(await page.locator('main').innerText(), /<script>alert\(1\)<\/script> <img src=x/);
  const id = held.crafted;
  await page.goto(`${gateway.url}/messages/${id}`);
  assert.match(await page.locator('main').innerText(), /Service Desk 33900 <script>alert\(1\)<\/script>/);
  assert.equal(await page.locator('main script, main img').count(), 0);
  assert.deepEqual(dialogs, [], 'no script ran');
});

test('the DPO opens a message, sees its findings, and the body only on request', async () => {
  const page = await newPage();
  await login(page, 'dora');
  const id = held.toRelease;
  await page.goto(`${gateway.url}/messages/${id}`);
  const text = await page.locator('main').innerText();
  assert.match(text, /name-bound-elsewhere/);
  assert.match(text, /dso\.skarholmen@elevstockholm\.onmicrosoft\.com/);
  const before = JSON.parse(gateway.galguard(['quarantine', 'show', id, '--json'])).actions.length;
  await page.getByRole('button', { name: /Show body/ }).click();
  const after = JSON.parse(gateway.galguard(['quarantine', 'show', id, '--json'])).actions;
  assert.equal(after.length, before + 1);
  assert.equal(after.at(-1).action, 'viewed-body');
  assert.equal(after.at(-1).actor, 'dora');
});

test('releasing a message delivers it at the next hop', async () => {
  const page = await newPage();
  await login(page, 'dora');
  const id = held.toRelease;
  const delivered = gateway.delivered().length;
  await decide(page, id, 'release', 'Checked with the sender: the address is right');
  await page.waitForLoadState();
  assert.equal(messageState(id), 'released');
  const now = gateway.delivered();
  assert.equal(now.length, delivered + 1);
  assert.match(now.at(-1), /X-Galguard-Released: held .*released\s+by dora/s);
  assert.match(now.at(-1), /Subject: Incident/);
});

test('four-eyes: a second DPO approves what the first asked to release', async () => {
  const id = held.fourEyes;
  const dora = await newPage();
  await login(dora, 'dora');
  const delivered = gateway.delivered().length;
  await decide(dora, id, 'release', 'The recipient is our own service desk after all');
  assert.equal(messageState(id), 'held', 'one DPO alone does not release it');
  assert.match(await dora.locator('main').innerText(), /Release requested/);
  const erik = await newPage();
  await login(erik, 'erik');
  await erik.goto(`${gateway.url}/messages/${id}`);
  assert.match(await erik.locator('main').innerText(), /dora/);
  await decide(erik, id, 'release', 'Agreed');
  assert.equal(messageState(id), 'released');
  assert.equal(gateway.delivered().length, delivered + 1);
});

test('a viewer sees the queue but cannot release', async () => {
  const page = await newPage();
  await login(page, 'vera');
  const id = held.reference;
  await page.goto(`${gateway.url}/messages/${id}`);
  assert.equal(await page.locator(`form[action="/messages/${id}/release"]`).count(), 0);
  // The viewer's own session cookie and CSRF token, posted by hand: still refused. (The
  // page's own scripts could not post at all: the CSP allows none.)
  const csrf = await page.locator('input[name=csrf]').first().getAttribute('value');
  const response = await page.context().request.post(`${gateway.url}/messages/${id}/release`, {
    form: { csrf, reason: 'viewer tries' },
    maxRedirects: 0,
  });
  assert.equal(response.status(), 403);
  assert.equal(messageState(id), 'held');
});

test('a POST without the CSRF token is refused', async () => {
  const page = await newPage();
  await login(page, 'dora');
  const id = held.reference;
  // With her session cookie, as a forged form from another site would send it (were the
  // cookie not SameSite=Strict), but without the token.
  const response = await page.context().request.post(`${gateway.url}/messages/${id}/delete`, {
    form: { reason: 'no token' },
    maxRedirects: 0,
  });
  assert.equal(response.status(), 403);
  const wrong = await page.context().request.post(`${gateway.url}/messages/${id}/delete`, {
    form: { reason: 'wrong token', csrf: 'x'.repeat(43) },
    maxRedirects: 0,
  });
  assert.equal(wrong.status(), 403);
  assert.equal(messageState(id), 'held');
});

test('the reference case becomes an incident, is completed and exported', async () => {
  const page = await newPage();
  await login(page, 'dora');
  const id = held.reference;
  await decide(page, id, 'incident', 'Personal data to a student-tenant mailbox');
  await page.waitForURL(/\/incidents\/INC-\d+/);
  const prefilled = await page.locator('main').innerText();
  assert.match(prefilled, /72/);
  assert.match(prefilled, /left/);
  assert.equal(await page.locator('#organisation').inputValue(), 'Exempelstadens stadsdelsförvaltning');
  assert.match(await page.locator('#recipients').inputValue(), /m\.exempel@elevstockholm\.onmicrosoft\.com/);
  assert.match(await page.locator('#nature').inputValue(), /misaddressed e-mail/);
  await page.locator('#consequences').fill('Identity number of one employee disclosed to an unknown pupil account');
  await page.locator('#severity').selectOption('medium');
  await page.locator('#measures_planned').fill('Contact removed from the GAL; guest tenant blocked');
  await page.locator('#subjects_informed').selectOption('yes');
  await page.getByRole('button', { name: 'Save incident' }).click();
  await page.waitForLoadState();
  assert.equal(await page.locator('#severity').inputValue(), 'medium');
  await page.screenshot({ path: join(screenshots, 'incident.png'), fullPage: true });
  console.log(`screenshot: ${join(screenshots, 'incident.png')}`);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /text/i }).click(),
  ]);
  const text = readFileSync(await download.path(), 'utf8');
  assert.match(text, /Personuppgiftsincident/);
  assert.match(text, /Identity number of one employee disclosed/);
  assert.match(text, /m\.exempel@elevstockholm\.onmicrosoft\.com/);
  const incidentId = page.url().match(/INC-\d+/)[0];
  const cli = JSON.parse(gateway.galguard(['incidents', 'export', incidentId, '--format', 'json']));
  assert.equal(cli.severity, 'medium');
  assert.equal(cli.message_id, id);
});
