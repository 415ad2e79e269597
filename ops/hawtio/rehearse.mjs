// Drives a real Hawtio 4 in headless Chromium as an operator on this machine would, without credentials: connect
// to the service's Jolokia from the Connect page, look at the routes and their statistics, a route's diagram and
// its source, and try to stop a route. Started by rehearse.sh, which starts Hawtio (in Jetty) and the service.
// Prints each check as passed/failed and exits 1 when one failed.
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { dirname, join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const hawtio = process.env.HAWTIO_URL;
const appPort = process.env.APP_PORT;
const app = `http://127.0.0.1:${appPort}`;
const secret = process.env.TRIGGER_SECRET;
const screenshot = process.env.SCREENSHOT;
const ROUTE = 'decoration';
const ROUTE_MBEAN = `org.apache.camel:context=ai-editor,type=routes,name="${ROUTE}"`;

const results = [];
function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? 'passed' : 'FAILED'}: ${name}${detail ? ` (${detail})` : ''}`);
}

async function jolokiaRead(mbean, attribute) {
  const answer = await fetch(`${app}/observe/jolokia`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'read', mbean, attribute }),
  }).then(r => r.json());
  return answer.value;
}

// something for the statistics to count: one pipeline run of the offline providers, through the control API
const date = '2026-11-20';
const auth = { Authorization: `Bearer ${secret}` };
async function untilTrue(what, seconds, probe) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await new Promise(r => setTimeout(r, 500));
  }
  console.log(`rehearse: ${what} did not happen within ${seconds} s`);
  return false;
}
await untilTrue('the pipeline trigger', 30, async () => (await fetch(`${app}/jobs/pipeline`, {
  method: 'POST', headers: { 'Content-Type': 'application/json', ...auth }, body: JSON.stringify({ date }),
})).status === 202);
await untilTrue(`the ${ROUTE} job`, 120, async () => (await fetch(`${app}/jobs?step=${ROUTE}&status=completed`,
  { headers: auth }).then(r => r.json())).total > 0);
const completed = await jolokiaRead(ROUTE_MBEAN, 'ExchangesCompleted');

const browser = await chromium.launchPersistentContext(process.env.USER_DATA_DIR, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 900 },
});
// Hawtio loads its source editor (Monaco 0.43.0) from a CDN; here it gets the same npm package from node_modules,
// so the rehearsal needs no internet access
const monaco = join(here, 'node_modules', 'monaco-editor', 'min');
const TYPES = { '.js': 'application/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.json': 'application/json' };
await browser.route('https://cdn.jsdelivr.net/npm/monaco-editor@0.43.0/min/**', async route => {
  const path = new URL(route.request().url()).pathname.replace('/npm/monaco-editor@0.43.0/min/', '');
  try {
    await route.fulfill({ body: await readFile(join(monaco, path)), contentType: TYPES[extname(path)] || 'application/octet-stream' });
  } catch {
    await route.fulfill({ status: 404, body: '' });
  }
});

// every answer from the service's Jolokia, through Hawtio's proxy
const replies = [];
browser.on('response', async response => {
  const url = response.url();
  if (!url.includes('/proxy/') || !url.includes('/observe/jolokia')) return;
  replies.push({ status: response.status(), request: response.request().postData() || '', headers: response.headers(),
    body: await response.text().catch(() => '') });
});

/** The error replies in one answer (a bulk answers a list). */
function errorsIn(reply) {
  try {
    const answer = JSON.parse(reply.body);
    return (Array.isArray(answer) ? answer : [answer]).filter(a => a && a.error !== undefined);
  } catch {
    return [];
  }
}

try {
  const page = browser.pages()[0] || await browser.newPage();
  await page.goto(hawtio, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Add connection' }).click();
  await page.locator('#connection-form-name').fill('ai-editor');
  await page.locator('label.pf-v5-c-switch[for=connection-form-scheme]').click(); // HTTP
  await page.locator('#connection-form-host').fill('127.0.0.1');
  await page.locator('#connection-form-port').fill(String(appPort));
  await page.locator('#connection-form-path').fill('/observe/jolokia');
  await page.getByRole('dialog').getByRole('button', { name: 'Add' }).click();
  const [hawtioPage] = await Promise.all([browser.waitForEvent('page'),
    page.locator('button', { hasText: /^Connect$/ }).click()]);
  const p = hawtioPage;
  await p.waitForLoadState('networkidle');
  const tree = name => p.locator('.pf-v5-c-tree-view__node-text', { hasText: new RegExp(`^${name}$`) }).first();
  await tree('routes').waitFor({ timeout: 30_000 });

  // Hawtio polls; before the fix its first poll ([]) was refused and it dropped back to Connect after ~5 s
  await p.waitForTimeout(12_000);
  // a refused poll makes Hawtio ask for a login ("Log in to ai-editor") over its Connect page
  const connected = async () => !p.url().includes('/connect') && await tree('routes').isVisible()
    && (await p.getByText(/^Log in to /).count()) === 0 && (await p.locator('input[type=password]').count()) === 0;
  check('Hawtio connects without credentials and stays connected', await connected(), p.url());

  await tree('routes').click();
  const row = p.locator('tbody tr').filter({ has: p.locator('td', { hasText: new RegExp(`^${ROUTE}$`) }) });
  await row.waitFor({ timeout: 20_000 });
  const cells = await row.locator('td').allInnerTexts();
  check('the routes list shows the step routes', cells.some(c => c.trim() === 'Started')
    && await p.locator('tbody tr').count() >= 20, `${await p.locator('tbody tr').count()} routes; ${ROUTE}: ${cells.map(c => c.trim()).filter(Boolean).join(' | ')}`);
  check('the routes list shows statistics', completed >= 1 && cells.some(c => c.trim() === String(completed)),
    `${ROUTE} completed ${completed} exchange(s) in one pipeline run`);

  await tree(ROUTE).click();
  await p.getByText('Route Diagram', { exact: true }).click();
  const nodes = p.locator('.react-flow__node');
  await nodes.first().waitFor({ timeout: 20_000 });
  await p.waitForTimeout(3_000); // the statistics arrive with the next poll
  const labels = (await nodes.allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim());
  check('the route diagram shows the route', labels.length >= 5 && labels.some(l => l.includes('From direct:decor')),
    `${labels.length} nodes, first: ${labels[0]}`);
  check('the route diagram shows statistics', labels.some(l => /\b[1-9]\d*\b/.test(l)),
    labels.filter(l => /\b[1-9]\d*\b/.test(l)).slice(0, 2).join('; '));
  if (screenshot) {
    mkdirSync(dirname(screenshot), { recursive: true });
    await p.screenshot({ path: screenshot });
  }

  await p.getByText('Source', { exact: true }).click();
  const source = p.locator('.monaco-editor .view-lines');
  await source.waitFor({ timeout: 30_000 }).catch(() => {});
  const text = (await source.count()) ? (await source.innerText()).replace(/\u00a0/g, ' ') : '';
  check('the route source shows', text.includes('<route') && text.includes(`id="${ROUTE}"`), text.split('\n')[0]);

  await tree('routes').click();
  await row.locator('input[type=checkbox]').check();
  const stopReply = p.waitForResponse(r => (r.request().postData() || '').includes('"stop()"'), { timeout: 20_000 });
  await p.getByRole('button', { name: 'Stop' }).click();
  const stop = await stopReply;
  await p.waitForTimeout(2_000);
  const alert = await p.locator('.pf-v5-c-alert').allInnerTexts();
  const state = await jolokiaRead(ROUTE_MBEAN, 'State');
  // Hawtio's proxy hands the challenge on as 'Hawtio original-scheme="Basic" ...', so the browser does not prompt
  const challenge = stop.headers()['www-authenticate'] || '';
  check('stopping a route without credentials is refused and asks for them', stop.status() === 401
      && /^Basic |original-scheme="Basic"/.test(challenge) && state === 'Started',
    `HTTP ${stop.status()}, WWW-Authenticate: ${stop.headers()['www-authenticate'] || 'none'}, route ${state}, Hawtio: ${alert.join(' ').replace(/\s+/g, ' ').trim() || 'no alert'}`);

  // Hawtio polls with an empty bulk whenever no view has registered requests
  await untilTrue('an empty bulk poll', 30, async () => replies.some(r => r.request.trim() === '[]'));
  const emptyBulk = replies.find(r => r.request.trim() === '[]');
  check('its empty bulk poll [] is answered', emptyBulk !== undefined && emptyBulk.status === 200 && emptyBulk.body.trim() === '[]',
    emptyBulk ? `HTTP ${emptyBulk.status} ${emptyBulk.body.slice(0, 40)}` : 'no such poll seen');
  check('Hawtio is still connected at the end, no login asked', await connected(), p.url());
  const refused = replies.filter(r => r.status !== 200 && !r.request.includes('"stop()"'));
  check('nothing else was refused', refused.length === 0, refused.map(r => `${r.status} ${r.request.slice(0, 80)}`).join('; '));
  const errors = replies.flatMap(errorsIn);
  const named = errors.filter(e => e.error_type !== undefined || /Exception|\b(?:[a-z][a-z0-9_]*\.)+[A-Z]\w*/.test(e.error));
  check('Jolokia errors name no Java classes', errors.length > 0 && named.length === 0,
    `${errors.length} error replies among ${replies.length}, e.g. "${(named[0] || errors[0] || {}).error}"`);
} catch (e) {
  check('the rehearsal ran to its end', false, e.message.split('\n')[0]);
  if (process.env.FAILURE_SCREENSHOT) {
    for (const [i, open] of browser.pages().entries()) {
      await open.screenshot({ path: process.env.FAILURE_SCREENSHOT.replace(/\.png$/, `-${i}.png`) }).catch(() => {});
    }
  }
} finally {
  await browser.close();
}

const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
