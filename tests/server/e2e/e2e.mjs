// End-to-end: the caseworker page served by `jiuzhu serve`, driven in headless Chromium. A caseworker logs in,
// opens her grid's 漏保 worklist, opens a household flagged 漏保 for 低保, records a visit that raises an income
// (the live preview shows the flag going away), saves it and sees the household's decision change; then the same
// on a phone-sized screen, the pre-screening of an application, English, and logout. Screenshots are written to
// BUILD_DIR/e2e-screenshots/. Run through run.sh (it installs playwright-core): node e2e.mjs BUILD_DIR SOURCE_DIR
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const [build, source] = process.argv.slice(2);
const require = createRequire(path.join(process.env.JIUZHU_E2E_MODULES || path.join(build, 'e2e-node'), 'package.json'));
const { chromium } = require('playwright-core');

const bin = path.join(build, 'jiuzhu');
const work = path.join(build, 'e2e-work');
const shots = path.join(build, 'e2e-screenshots');
const rules = path.join(source, 'rules');
const USER = 'wangfang';
const PASSWORD = 'e2e-密码-Secret1';

let failures = 0;
let step = 0;
function ok(cond, what) {
  step += 1;
  if (cond) console.log(`ok ${step} - ${what}`);
  else { failures += 1; console.log(`not ok ${step} - ${what}`); }
  return cond;
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function run(args, input) {
  return execFileSync(bin, args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 28 }).toString();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// ---- the registry: a generated county, one monthly run as of today ----

const asOf = today();
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
fs.rmSync(shots, { recursive: true, force: true });
fs.mkdirSync(shots, { recursive: true });
const db = path.join(work, 'county.sqlite');
execFileSync(path.join(build, 'jiuzhu_county'), ['--households', '600', '--seed', '11', '--as-of', asOf, '--out', work]);
try { run(['registry', 'import', '--db', db, path.join(work, 'households.jsonl')]); } catch (e) { /* bad lines are reported, the good ones stored */ }
run(['batch', '--db', db, '--as-of', asOf, '--rules', rules]);

// The household to visit: flagged 漏保 for the household's 低保, with a grid and a head with an income, and whose
// flag goes away when that income rises (checked with `jiuzhu screen`, the same engine the server uses).
const households = new Map(fs.readFileSync(path.join(work, 'households.jsonl'), 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l)).map((hh) => [hh.id, hh]));
const decisions = run(['export', '--db', db]).split('\n').filter(Boolean).map((l) => JSON.parse(l));
const RAISED = 99999;
const isDibaoMissed = (f) => f.code === 'missed' && f.program === 'dibao' && f.member === null;
let target = null;
for (const d of decisions) {
  const hh = households.get(d.household);
  if (!hh || !hh.grid || !d.flags.some(isDibaoMissed)) continue;
  const incomes = hh.members[0].incomes || [];
  if (!incomes.length) continue;
  const raised = JSON.parse(JSON.stringify(hh));
  raised.members[0].incomes[0].monthly = RAISED;
  const after = JSON.parse(run(['screen', '-', '--as-of', asOf, '--rules', rules, '--reasons', 'none'], JSON.stringify(raised) + '\n'));
  if (!after.flags.some(isDibaoMissed)) { target = hh; break; }
}
if (!ok(target !== null, 'the generated registry has a 低保 漏保 household whose flag a raised income removes')) process.exit(1);
const grid = target.grid;
console.log(`# household ${target.id} in grid ${grid}, as of ${asOf}`);
run(['users', 'add', '--db', db, USER, '--role', 'caseworker', '--grids', grid], `${PASSWORD}\n`);
run(['users', 'add', '--db', db, 'admin', '--role', 'admin'], `${PASSWORD}\n`);

// ---- the server ----

const port = await freePort();
const server = spawn(bin, ['serve', '--db', db, '--rules', rules, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
let serverErr = '';
const base = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no "listening on" line in 30 s; stderr:\n${serverErr}`)), 30000);
  server.stderr.on('data', (chunk) => {
    serverErr += chunk;
    const m = /listening on (https?:\/\/\S+)/.exec(serverErr);
    if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
  });
  server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`jiuzhu serve exited (${code}):\n${serverErr}`)); });
});
server.removeAllListeners('exit');
console.log(`# ${base}`);

const browser = await chromium.launch({
  executablePath: process.env.JIUZHU_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
});
const problems = [];
function watch(page) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A refused resource (the 401 of GET /api/session before login) is logged by Chromium as an error; what must
    // not happen is a script error or a Content-Security-Policy violation.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
}
let current = null;  // the page in use, for a screenshot when a step fails
const shot = (page, name, full = true) => page.screenshot({ path: path.join(shots, name), fullPage: full });

async function login(page, user = USER) {
  await page.goto(`${base}/`);
  await page.waitForSelector('#login-user');
  await page.fill('#login-user', user);
  await page.fill('#login-password', PASSWORD);
}

try {
  // -- desktop --
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  current = page;
  watch(page);
  const headers = (await page.goto(`${base}/`)).headers();
  ok(/default-src 'self'/.test(headers['content-security-policy'] || ''), 'the page is served with its Content-Security-Policy');
  await login(page);
  await page.fill('#login-password', 'wrong password');
  await page.click('#login-submit');
  await page.waitForFunction(() => document.querySelector('#login-error').textContent.length > 0);
  ok((await page.textContent('#login-error')).includes('用户名或密码错误'), 'a wrong password is refused in Chinese');
  await page.fill('#login-password', PASSWORD);
  await shot(page, '01-login.png', false);
  await page.click('#login-submit');

  await page.waitForSelector('.tabs');
  ok((await page.textContent('#current-user')) === USER, 'logged in: the header names the user');
  const missedCount = Number(await page.textContent('.tab[data-flag="missed"] .count'));
  ok(missedCount > 0, `the 漏保 tab counts ${missedCount} flags in the grid`);
  const gridsShown = await page.$$eval('table.worklist td[data-label="网格"]', (tds) => [...new Set(tds.map((td) => td.textContent))]);
  ok(gridsShown.length === 1 && gridsShown[0] === grid, 'the worklist shows only the caseworker\'s grid');
  const csv = await page.getAttribute('.downloads a.file >> nth=0', 'href');
  ok(csv && csv.startsWith('/api/worklists/') && csv.includes('.csv'), 'the worklist links its CSV file');
  const csvAnswer = await page.evaluate(async (href) => { const r = await fetch(href); return [r.status, (await r.text()).slice(0, 40)]; }, csv);
  ok(csvAnswer[0] === 200 && csvAnswer[1].includes('户编号'), 'the CSV download answers with the worklist');
  await shot(page, '02-worklist.png', false);

  await page.click(`table.worklist a.hh:text-is("${target.id}")`);
  await page.waitForSelector('#household-decision .program');
  const missedBefore = page.locator('#household-decision li.flag[data-flag="missed"][data-program="dibao"][data-member=""]');
  ok(await missedBefore.count() === 1, 'the household shows its 低保 漏保 flag');
  ok(await page.locator('#household-decision .reason .mark').count() > 0, 'the household shows rules with ✓ ✗ ?');
  ok(await page.locator('#household-decision .distance').count() > 0, 'the household shows the distance to the threshold');
  const versionBefore = await page.textContent('.page-head h2 .muted');
  const versionSeen = Number(versionBefore.replace(/\D+/g, ''));
  await page.waitForSelector('.history .runs, .history .muted');
  await shot(page, '03-household.png', false);

  await page.click('#record-visit');
  await page.waitForSelector('#visit-preview .program');
  const income = page.locator('[data-path="members[0].incomes[0].monthly"]');
  await income.fill(String(RAISED));
  await page.fill('#visit-note', '走访核实：户主已在县城务工，月工资上涨。');
  await page.waitForSelector('#visit-preview li.flag.removed[data-flag="missed"][data-program="dibao"][data-member=""]');
  ok(true, 'the live preview shows the 低保 漏保 flag resolved before saving');
  ok((await page.textContent('.changes-box')).includes('members[0].incomes[0].monthly'), 'the visit lists its change as a JSON path');
  await shot(page, '04-visit.png', false);

  await page.click('#save-visit');
  await page.waitForSelector('#household-decision');
  await page.waitForFunction((before) => {
    const v = document.querySelector('.page-head h2 .muted');
    return v && v.textContent !== before;
  }, versionBefore);
  ok(await page.locator('#household-decision li.flag:not(.removed)[data-flag="missed"][data-program="dibao"][data-member=""]').count() === 0,
    'after the visit the household no longer has the 低保 漏保 flag');
  ok(await page.locator('#household-decision li.flag.removed[data-flag="missed"][data-program="dibao"][data-member=""]').count() === 1,
    'after the visit the household page marks the 低保 漏保 flag as resolved by the visit');
  const dibaoStatus = await page.getAttribute('#household-decision details.program[data-program="dibao"][data-member=""]', 'class');
  ok(/ineligible/.test(dibaoStatus || ''), 'after the visit the household\'s 低保 is 不符合');
  await page.waitForSelector('.history .visits li.visit');
  ok((await page.textContent('.history .visits')).includes('月工资上涨'), 'the visit is in the household\'s history');
  await shot(page, '05-after-visit.png', false);

  // A second visit on the version seen before the first one is refused (409).
  const stale = await page.evaluate(async ({ id, token, version }) => {
    const r = await fetch(`/api/households/${encodeURIComponent(id)}/visits`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
      body: JSON.stringify({ date: new Date().toISOString().slice(0, 10), kind: 'other', note: '', base_version: version, changes: [] }),
    });
    return r.status;
  }, { id: target.id, version: versionSeen, token: (await (await page.request.get(`${base}/api/session`)).json()).csrf_token });
  ok(stale === 409, 'a visit on a stale version answers 409');

  // A 422 is shown beside its field: a new member's ID with a wrong check digit (live, from /api/screen) and a visit
  // dated after today (on saving).
  await page.click('#record-visit');
  await page.waitForSelector('#visit-preview .program');
  await page.click('.members-edit > button.secondary');
  const n = await page.locator('fieldset.member').count();
  const badId = `${target.members[0].id.slice(0, 17)}${target.members[0].id[17] === '0' ? '1' : '0'}`;
  await page.fill(`[data-path="members[${n - 1}].name"]`, '新成员');
  await page.fill(`[data-path="members[${n - 1}].id"]`, badId);
  await page.waitForFunction((path) => {
    const slot = document.querySelector(`.field-error[data-for="${path}"]`);
    return slot && slot.textContent.length > 0;
  }, `members[${n - 1}].id`);
  ok(true, 'a wrong ID number is marked beside its field while typing (422 from /api/screen)');
  await page.click(`fieldset.member >> nth=${n - 1} >> button.danger >> nth=-1`);
  await page.fill('#visit-date', '2099-01-01');
  await page.click('#save-visit');
  await page.waitForSelector('#visit-invalid');
  ok((await page.textContent('.field-error[data-for="date"]')).includes('2099-01-01'), 'a visit dated after today is refused (422) beside the date');
  await shot(page, '06-visit-invalid.png', false);

  // The application pre-screen: a new household is decided as it is typed, nothing stored.
  await page.click('nav a[href="#/apply"]');
  await page.waitForSelector('[data-path="region"]');
  const sample = [...households.values()].find((hh) => hh.region.startsWith('510502'));
  await page.fill('[data-path="region"]', '510502');
  await page.fill('[data-path="members[0].name"]', '申请人');
  await page.fill('[data-path="members[0].id"]', sample.members[0].id);
  await page.click('.members-edit fieldset.member >> text=添加收入');
  await page.fill('[data-path="members[0].incomes[0].monthly"]', '300');
  await page.waitForSelector('#apply-preview .program');
  ok(await page.locator('#apply-preview details.program[data-program="dibao"]').count() > 0, 'the pre-screen decides the application');
  await shot(page, '07-apply.png', false);
  await page.emulateMedia({ media: 'print' });
  await shot(page, '07-apply-print.png', true);
  await page.emulateMedia({ media: 'screen' });

  // English.
  await page.goto(`${base}/#/h/${encodeURIComponent(target.id)}`);
  await page.waitForSelector('#household-decision .program');
  await page.click('button.lang');
  await page.waitForSelector('#household-decision .program');
  ok((await page.textContent('#record-visit')) === 'Record a visit', 'the page switches to English');
  await shot(page, '08-household-en.png', false);
  await page.click('button.lang');
  await context.close();

  // -- a phone (390 px wide) --
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const mobile = await phone.newPage();
  current = mobile;
  watch(mobile);
  await login(mobile);
  await mobile.click('#login-submit');
  await mobile.waitForSelector('.tabs');
  const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  ok(overflow <= 0, `the worklist fits a 390 px screen (overflow ${overflow} px)`);
  await shot(mobile, '09-mobile-worklist.png', false);
  await mobile.click(`table.worklist a.hh >> nth=0`);
  await mobile.waitForSelector('#household-decision .program');
  await shot(mobile, '10-mobile-household.png', false);
  await mobile.click('#record-visit');
  await mobile.waitForSelector('#visit-preview .program');
  const overflowVisit = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  ok(overflowVisit <= 0, `the visit form fits a 390 px screen (overflow ${overflowVisit} px)`);
  await shot(mobile, '11-mobile-visit.png', false);
  await mobile.click('#logout');
  await mobile.waitForSelector('#login-user');
  const after = await mobile.evaluate(async () => (await fetch('/api/session')).status);
  ok(after === 401, 'logout ends the session (GET /api/session answers 401)');
  await phone.close();

  // -- an administrator sees every grid and the users --
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const admin = await adminContext.newPage();
  current = admin;
  watch(admin);
  await login(admin, 'admin');
  await admin.click('#login-submit');
  await admin.waitForSelector('.tabs');
  const adminGrids = await admin.$$eval('#grid-filter option', (os) => os.length - 1);
  ok(adminGrids > 1, `the administrator's worklist offers every grid (${adminGrids})`);
  await admin.click('nav a[href="#/users"]');
  await admin.waitForSelector('table.users');
  ok((await admin.textContent('table.users')).includes(USER), 'the administrator sees the users and their grids');
  await shot(admin, '12-admin-users.png', false);
  await adminContext.close();

  ok(problems.length === 0, `no script error or CSP violation${problems.length ? ':\n# ' + problems.join('\n# ') : ''}`);
} catch (e) {
  ok(false, `the run completed: ${e && e.stack || e}`);
  if (problems.length) console.log(`# ${problems.join('\n# ')}`);
  if (current) await current.screenshot({ path: path.join(shots, 'failure.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
  server.kill('SIGTERM');
  const code = await new Promise((resolve) => {
    if (server.exitCode !== null) resolve(server.exitCode);
    const timer = setTimeout(() => { server.kill('SIGKILL'); resolve('killed'); }, 10000);
    server.on('exit', (c) => { clearTimeout(timer); resolve(c); });
  });
  ok(code === 0, `jiuzhu serve stops cleanly on SIGTERM (exit ${code})`);
}

console.log(`# screenshots in ${shots}`);
console.log(`1..${step}`);
console.log(failures ? `# ${failures} failed` : '# all passed');
process.exit(failures ? 1 : 0);
