// Drives the console in Debian's chromium (playwright-core, no downloaded browser): sign in,
// create an instance and two PostgreSQL endpoints, test them, create and start a
// full-load-and-cdc task, watch it run, read its table statistics, latency chart and log, stop it.
// Started by ConsoleBrowserIT with the server's URL, keys and databases in the environment;
// screenshots go to $SCREENSHOTS. Exits non-zero on the first failed step.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const env = process.env;
const url = env.CONSOLE_URL;
const suffix = env.SUFFIX;
const shots = env.SCREENSHOTS;
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(30_000);
page.on('dialog', dialog => dialog.accept());
const consoleErrors = [];
page.on('pageerror', error => consoleErrors.push(String(error)));
let step = 0;

async function shot(name) {
  step += 1;
  await page.screenshot({ path: join(shots, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

function log(text) {
  console.log(`[console-flow] ${text}`);
}

async function selectByText(selector, prefix) {
  await page.waitForFunction(([sel, start]) => [...document.querySelector(sel).options]
    .some(o => o.textContent.startsWith(start)), [selector, prefix]);
  const value = await page.$eval(selector, (element, start) => {
    const option = [...element.options].find(o => o.textContent.startsWith(start));
    return option ? option.value : null;
  }, prefix);
  if (!value) throw new Error(`no option starting with ${prefix} in ${selector}`);
  await page.selectOption(selector, value);
}

async function createEndpoint(identifier, type, database) {
  const form = page.locator('#endpoint-form');
  await form.locator('[name=EndpointIdentifier]').fill(identifier);
  await form.locator('[name=EndpointType]').selectOption(type);
  await form.locator('[name=EngineName]').selectOption('postgres');
  await form.locator('[name=ServerName]').fill(env.PG_HOST);
  await form.locator('[name=Port]').fill(env.PG_PORT);
  await form.locator('[name=DatabaseName]').fill(database);
  await form.locator('[name=Username]').fill(env.PG_USER);
  await page.click('#endpoint-submit');
  await page.locator('#endpoints td', { hasText: identifier }).first().waitFor();
}

try {
  await page.goto(url);
  log('sign in with a wrong secret, then the right one');
  await page.fill('#signin [name=id]', env.ACCESS_KEY_ID);
  await page.fill('#signin [name=secret]', 'not-the-secret');
  await page.click('#signin button');
  await page.locator('.message.error').waitFor();
  await shot('sign-in-refused');
  await page.fill('#signin [name=secret]', env.SECRET_ACCESS_KEY);
  await page.click('#signin button');
  await page.locator('#tasks').waitFor();

  log('create a replication instance');
  await page.click('a[href="#/instances"]');
  await page.fill('#create-instance [name=ReplicationInstanceIdentifier]', `ri-${suffix}`);
  await page.click('#create-instance button');
  await page.locator('#instances td', { hasText: `ri-${suffix}` }).first().waitFor();
  await shot('instances');

  log('create and test two endpoints');
  await page.click('a[href="#/endpoints"]');
  await createEndpoint(`src-${suffix}`, 'source', env.SOURCE_DB);
  await createEndpoint(`tgt-${suffix}`, 'target', env.TARGET_DB);
  await selectByText('#test-instance', `ri-${suffix}`);
  for (const id of [`src-${suffix}`, `tgt-${suffix}`]) {
    await page.click(`[data-test="${id}"]`);
    await page.locator(`[data-connection="${id}"]`, { hasText: 'successful' }).waitFor({ timeout: 60_000 });
  }
  await shot('endpoints-tested');

  log('edit an endpoint, then delete it');
  await createEndpoint(`tmp-${suffix}`, 'target', env.TARGET_DB);
  await page.locator('#endpoints tr', { hasText: `tmp-${suffix}` }).getByText('Edit').click();
  await page.fill('#endpoint-form [name=ServerName]', 'localhost');
  await page.click('#endpoint-submit');
  await page.locator('#endpoints tr', { hasText: `tmp-${suffix}` }).getByText('localhost:').waitFor();
  await shot('endpoint-edited');
  await page.locator('#endpoints tr', { hasText: `tmp-${suffix}` }).getByText('Delete').click();
  await page.locator('#endpoints td', { hasText: `tmp-${suffix}` }).waitFor({ state: 'detached' });

  log('create a full-load-and-cdc task; the mapping editor checks as you type');
  await page.click('a[href="#/tasks"]');
  await page.click('#new-task');
  await page.fill('[name=ReplicationTaskIdentifier]', `task-${suffix}`);
  await selectByText('[name=ReplicationInstanceArn]', `ri-${suffix}`);
  await selectByText('[name=SourceEndpointArn]', `src-${suffix}`);
  await selectByText('[name=TargetEndpointArn]', `tgt-${suffix}`);
  await page.selectOption('[name=MigrationType]', 'full-load-and-cdc');
  await page.fill('#table-mappings', '{"rules": [{"rule-type": "selection", "rule-id": "1"}]}');
  await page.locator('#mappings-verdict.error', { hasText: 'Invalid Table Mappings' }).waitFor();
  await shot('mappings-invalid');
  await page.fill('#rule-schema', 'app');
  await page.fill('#rule-table', '%');
  await page.click('#replace-rules');
  await page.locator('#mappings-verdict.ok').waitFor();
  await shot('task-form');
  await page.click('#create-task');

  log('watch the task reach running with its tables loaded');
  await page.locator('#task-status', { hasText: 'running' }).waitFor({ timeout: 90_000 });
  await page.locator('#table-statistics td', { hasText: 'Table completed' }).first().waitFor({ timeout: 90_000 });
  await page.locator('#table-statistics th[data-key=rows]').click();
  await shot('task-running-statistics');

  log('the latency chart fills while changes flow');
  await page.click('[data-tab=monitoring]');
  await page.waitForFunction(() => Number(document.querySelector('[data-chart=CDCLatencySource]').dataset.points) >= 3,
    null, { timeout: 90_000 });
  await page.waitForTimeout(500);
  await shot('monitoring');

  log('the task log, filtered to TASK_MANAGER');
  await page.click('[data-tab=log]');
  await page.selectOption('#log-components', ['TASK_MANAGER']);
  await page.locator('#task-log td', { hasText: 'starting with flag start-replication' }).waitFor();
  await shot('task-log');

  await page.click('[data-tab=validation]');
  await page.locator('#validation td', { hasText: 'Not enabled' }).first().waitFor();

  log('stop the task');
  await page.click('[data-action=Stop]');
  await page.locator('#task-status', { hasText: 'stopped' }).waitFor({ timeout: 90_000 });
  await page.click('[data-tab=statistics]');
  await shot('task-stopped');
  if (consoleErrors.length) throw new Error('errors in the page: ' + consoleErrors.join('; '));
  log('done');
} catch (error) {
  console.error(`[console-flow] FAILED at step ${step + 1}: ${error.message}`);
  await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
