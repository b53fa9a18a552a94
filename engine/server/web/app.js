// The caseworker page: login, 我的网格 (worklists), 住户查询 (search), 户详情, 走访登记 and 新申请预审, as hash
// routes over the JSON API of http.md. Everything shown is built with the DOM (view.js): no markup from data.
import { h, replace, money, maskId, today, debounce } from './view.js';
import { t, label, getLang, setLang, FLAG_CODES, FLAG_STEMS } from './i18n.js';
import { api, setCsrf, onUnauthorized, ApiError } from './api.js';
import { renderDecision, renderFlags, summaryLine, flagChip, scopeLabel } from './decision.js';
import { createEditor } from './editor.js';

const main = document.getElementById('main');
const session = { user: null, role: null, grids: [] };
let sessionEndedNotice = false;

// ---- routing: #/w?flag=missed&grid=G, #/find?q=…, #/h/ID, #/h/ID/visit, #/apply ----

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/w';
  const [path, qs] = raw.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: Object.fromEntries(new URLSearchParams(qs || '')) };
}

function href(parts, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${s ? '?' + s : ''}`;
}

function go(parts, params) { location.hash = href(parts, params); }

let routeToken = 0;
async function route() {
  const token = ++routeToken;
  const toast = document.getElementById('toast');
  if (toast) toast.remove();
  renderChrome();
  if (!session.user) { loginView(); return; }
  const { parts, params } = parseHash();
  const stillCurrent = () => token === routeToken;
  try {
    if (parts[0] === 'h' && parts[1] && parts[2] === 'visit') await visitView(parts[1], stillCurrent);
    else if (parts[0] === 'h' && parts[1]) await householdView(parts[1], stillCurrent);
    else if (parts[0] === 'find') await findView(params, stillCurrent);
    else if (parts[0] === 'apply') await applyView();
    else if (parts[0] === 'users') await usersView(stillCurrent);
    else await worklistView(params, stillCurrent);
  } catch (e) {
    if (stillCurrent()) showError(e);
  }
  window.scrollTo(0, 0);
}

function errorText(e) {
  if (!(e instanceof ApiError)) return t('error', { message: String(e && e.message || e) });
  if (e.status === 0) return t('network_error');
  if (e.status === 404) return t('not_found');
  if (e.status === 403) return t('forbidden');
  return t('error', { message: e.body.message || e.code });
}

function showError(e) {
  if (e instanceof ApiError && e.status === 401) return;
  replace(main, h('div.banner.error', { role: 'alert' }, errorText(e)));
}

// ---- the header: title, navigation, language, user ----

function renderChrome() {
  const header = document.getElementById('top');
  const { parts } = parseHash();
  const current = parts[0] || 'w';
  const nav = session.user ? h('nav.nav', { 'aria-label': 'main' },
    [['w', 'nav_worklist'], ['find', 'nav_find'], ['apply', 'nav_apply'], ...(session.role === 'admin' ? [['users', 'nav_users']] : [])].map(([key, text]) =>
      h(`a${current === key ? '.active' : ''}`, { href: `#/${key}`, 'aria-current': current === key ? 'page' : null }, t(text)))) : null;
  const langButton = h('button.lang', { type: 'button', onclick: () => { setLang(getLang() === 'zh' ? 'en' : 'zh'); route(); } },
    t('lang_switch'));
  const who = session.user ? h('div.who', null,
    h('span.user', { id: 'current-user' }, session.user), h('span.role', null, t(`role_${session.role}`)),
    h('button.link', { type: 'button', id: 'logout', onclick: logout }, t('logout'))) : null;
  replace(header,
    h('div.brand', null, h('img', { src: 'favicon.svg', alt: '', width: 28, height: 28 }),
      h('div', null, h('strong', null, t('app_title')), h('span.tagline', null, t('app_subtitle')))),
    nav, h('div.tools', null, langButton, who));
  document.title = t('app_title');
}

async function logout() {
  try { await api.logout(); } catch (e) { /* the session is gone either way */ }
  endSession(false);
}

function endSession(expired) {
  session.user = null;
  session.role = null;
  setCsrf(null);
  sessionEndedNotice = expired;
  route();
}

onUnauthorized(() => { if (session.user) endSession(true); });

function startSession(s) {
  session.user = s.user;
  session.role = s.role;
  session.grids = Array.isArray(s.grids) ? s.grids : [];
  setCsrf(s.csrf_token);
}

// ---- 登录 ----

function loginView() {
  const error = h('p.form-error', { role: 'alert', id: 'login-error' }, sessionEndedNotice ? t('session_ended') : '');
  const user = h('input', { name: 'user', id: 'login-user', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', id: 'login-password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button.primary', { type: 'submit', id: 'login-submit' }, t('login'));
  const form = h('form.login', { novalidate: true },
    h('h1', null, t('app_title')), h('p.muted', null, t('app_subtitle')),
    h('label.field', null, h('span.field-label', null, t('user')), user),
    h('label.field', null, h('span.field-label', null, t('password')), password),
    error, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    try {
      startSession(await api.login(user.value.trim(), password.value));
      sessionEndedNotice = false;
      password.value = '';
      route();
    } catch (e) {
      error.textContent = e.status === 429 ? t('too_many') : (e.status === 401 ? t('bad_login') : errorText(e));
      submit.disabled = false;
      password.select();
    }
  });
  replace(main, h('div.login-wrap', null, form));
  user.focus();
}

// ---- tables that become cards on a phone ----

function table(columns, rows, cls = '') {
  return h(`table.grid.cards${cls ? '.' + cls : ''}`, null,
    h('thead', null, h('tr', null, columns.map((c) => h('th', null, c.title)))),
    h('tbody', null, rows.map((row) => h('tr', null, columns.map((c) => h(`td${c.cls ? '.' + c.cls : ''}`, { dataset: { label: c.title } }, c.cell(row)))))));
}

function householdLink(id) { return h('a.hh', { href: href(['h', id]) }, id); }

function gridSelect(grids, current, onchange) {
  const all = [...new Set([...grids, ...(current ? [current] : [])])].filter(Boolean).sort();
  const select = h('select', { id: 'grid-filter', 'aria-label': t('grid') },
    h('option', { value: '' }, t('all_grids')),
    all.map((g) => h('option', { value: g, selected: g === current }, g)));
  select.addEventListener('change', () => onchange(select.value));
  return select;
}

function searchForm(q, grid) {
  const input = h('input', { type: 'search', name: 'q', id: 'search', value: q || '', placeholder: t('search_ph'), 'aria-label': t('search') });
  const form = h('form.search', { role: 'search' }, input, h('button.secondary', { type: 'submit' }, t('search')));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); go(['find'], { q: input.value.trim(), grid }); });
  return form;
}

// ---- 我的网格: the worklists of the latest run ----

const knownGrids = new Set();

async function worklistView(params, stillCurrent) {
  const grid = params.grid || '';
  const flag = FLAG_CODES.includes(params.flag) ? params.flag : 'missed';
  replace(main, h('p.muted', null, t('loading')));
  // The selected list first (its failure is the page's), then the other flags' first pages for their counts; a
  // count that fails is tried once more, then shown as '–'.
  const page = await api.worklist({ flag, grid });
  const fetchCount = (code) => api.worklist({ flag: code, grid, run: page.run }).catch(() => api.worklist({ flag: code, grid, run: page.run }));
  const others = await Promise.allSettled(FLAG_CODES.map((code) => (code === flag ? Promise.resolve(page) : fetchCount(code))));
  if (!stillCurrent()) return;
  const byFlag = Object.fromEntries(FLAG_CODES.map((code, i) => [code, others[i].status === 'fulfilled' ? others[i].value : null]));
  for (const p of Object.values(byFlag)) for (const item of (p && p.items) || []) if (item.grid) knownGrids.add(item.grid);
  for (const g of session.grids) knownGrids.add(g);
  const runInfo = page.run === null || page.run === undefined ? null : { run: page.run, as_of: page.as_of };

  const tabs = h('div.tabs', { role: 'tablist' }, FLAG_CODES.map((code) => h(`a.tab.flag-${code}${code === flag ? '.active' : ''}`,
    { href: href(['w'], { flag: code, grid }), role: 'tab', 'aria-selected': code === flag ? 'true' : 'false', dataset: { flag: code } },
    h('span.tab-label', null, label('flag', code)), h('span.count', null, byFlag[code] ? String(byFlag[code].total || 0) : '–'))));

  const items = [...(page.items || [])];
  const listBox = h('div.list');
  const more = h('button.secondary.more', { type: 'button' }, t('load_more'));
  let nextOffset = page.next_offset;
  const columns = [
    { title: t('col_household'), cell: (it) => householdLink(it.household) },
    { title: t('col_head'), cell: (it) => it.head_name || '' },
    { title: t('col_head_id'), cell: (it) => it.head_id_masked || '', cls: 'mono' },
    { title: t('grid'), cell: (it) => it.grid || '' },
    { title: t('col_program'), cell: (it) => [flagChip(it.flag), ' ', it.program ? label('program', it.program) : ''] },
    { title: t('col_member'), cell: (it) => it.member_id_masked || '', cls: 'mono' },
    { title: t('col_now'), cell: (it) => money(it.amount_now), cls: 'num' },
    { title: t('col_new'), cell: (it) => money(it.amount_new), cls: 'num' },
    { title: t('col_reason'), cell: (it) => it.message || '', cls: 'reason-cell' },
  ];
  const drawList = () => {
    replace(listBox,
      items.length ? table(columns, items, 'worklist') : h('p.muted.empty', null, t('empty')),
      h('p.muted.count-line', null, t('count_of', { total: page.total || 0, shown: items.length })),
      nextOffset !== null && nextOffset !== undefined ? more : null);
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    const next = await api.worklist({ flag, grid, run: page.run, offset: nextOffset });
    items.push(...(next.items || []));
    nextOffset = next.next_offset;
    more.disabled = false;
    drawList();
  });
  drawList();

  const fileParams = { grid, run: runInfo ? runInfo.run : undefined };
  const downloads = runInfo ? h('div.downloads', null, h('span.muted', null, `${t('download')}：`),
    h('a.file', { href: api.worklistFile(FLAG_STEMS[flag], 'csv', fileParams), download: `${FLAG_STEMS[flag]}.csv` }, `${FLAG_STEMS[flag]}.csv`),
    h('a.file', { href: api.worklistFile(FLAG_STEMS[flag], 'xlsx', fileParams), download: `${FLAG_STEMS[flag]}.xlsx` }, `${FLAG_STEMS[flag]}.xlsx`)) : null;

  replace(main,
    h('div.page-head', null,
      h('h2', null, t('nav_worklist')),
      runInfo ? h('p.muted.run-info', null, `${t('run')} #${runInfo.run} · ${t('as_of')} ${runInfo.as_of}`) : null),
    h('div.toolbar', null, gridSelect([...knownGrids], grid, (g) => go(['w'], { flag, grid: g })), searchForm('', grid)),
    runInfo ? [tabs, downloads, listBox] : h('p.banner', null, t('no_run')));
}

// ---- 住户查询 ----

async function findView(params, stillCurrent) {
  const q = params.q || '';
  const grid = params.grid || '';
  replace(main, h('p.muted', null, t('loading')));
  const page = await api.households({ q, grid });
  if (!stillCurrent()) return;
  const rows = [...(page.households || [])];
  for (const r of rows) if (r.grid) knownGrids.add(r.grid);
  let nextOffset = page.next_offset;
  const listBox = h('div.list');
  const more = h('button.secondary.more', { type: 'button' }, t('load_more'));
  const columns = [
    { title: t('col_household'), cell: (r) => householdLink(r.id) },
    { title: t('col_head'), cell: (r) => r.head_name || '' },
    { title: t('col_head_id'), cell: (r) => r.head_id_masked || '', cls: 'mono' },
    { title: t('grid'), cell: (r) => r.grid || '' },
    { title: t('col_region'), cell: (r) => r.region || '' },
    { title: t('col_flags'), cell: (r) => [...new Set(r.flags || [])].map((f) => flagChip(f)) },
  ];
  const draw = () => replace(listBox,
    rows.length ? table(columns, rows, 'households') : h('p.muted.empty', null, t('empty')),
    h('p.muted.count-line', null, t('count_of', { total: page.total || 0, shown: rows.length })),
    nextOffset !== null && nextOffset !== undefined ? more : null);
  more.addEventListener('click', async () => {
    more.disabled = true;
    const next = await api.households({ q, grid, offset: nextOffset });
    rows.push(...(next.households || []));
    nextOffset = next.next_offset;
    more.disabled = false;
    draw();
  });
  draw();
  replace(main, h('div.page-head', null, h('h2', null, t('nav_find'))),
    h('div.toolbar', null, gridSelect([...knownGrids], grid, (g) => go(['find'], { q, grid: g })), searchForm(q, grid)),
    listBox);
}

// ---- 户详情 ----

function ageOf(id, asOf) {
  if (typeof id !== 'string' || !/^\d{17}[\dXx]$/.test(id)) return null;
  const born = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const on = asOf || today();
  let age = Number(on.slice(0, 4)) - Number(born.slice(0, 4));
  if (on.slice(5) < born.slice(5)) age -= 1;
  return { born, age, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

function yesNo(v) { return v === true ? t('yes') : v === false ? t('no') : t('unknown'); }

function memberFacts(m, asOf) {
  const a = ageOf(m.id, asOf);
  const disability = m.disability ? `${label('disability', m.disability.category)} ${t('grade', { grade: m.disability.grade })}` +
    (m.disability.needs_long_term_care ? ` · ${t('needs_care')}` : '') : t('no_disability');
  const other = ['imprisoned', 'compulsory_rehab', 'declared_missing', 'serious_illness', 'institutional_care',
    'orphan_support', 'work_injury_care_fee'].filter((k) => m[k] === true).map((k) => t(k));
  if (m.deceased_on) other.push(`${t('deceased_on')} ${m.deceased_on}`);
  if (m.other_care_allowance) other.push(`${t('other_care_allowance')} ${money(m.other_care_allowance)}`);
  const incomes = Array.isArray(m.incomes) && m.incomes.length
    ? h('ul.incomes', null, m.incomes.map((i) => h('li', null, `${label('income', i.kind)} ${money(i.monthly)}`,
      i.irregular ? ` (${t('irregular')})` : '')))
    : h('span.muted', null, t('no_income'));
  return h('section.member-card', null,
    h('h4', null, m.name || '', ' ', h('span.muted', null, label('relation', m.relation))),
    h('dl.facts', null,
      h('dt', null, t('id_number')), h('dd.mono', null, m.id || ''),
      a ? [h('dt', null, t('age_sex')), h('dd', null, `${t('age_years', { age: a.age })} · ${t(m.sex || a.sex)}`)] : null,
      h('dt', null, t('disability')), h('dd', null, disability),
      m.school_level ? [h('dt', null, t('school_level')), h('dd', null, label('school', m.school_level))] : null,
      m.self_care ? [h('dt', null, t('self_care')), h('dd', null, label('self_care', m.self_care))] : null,
      other.length ? [h('dt', null, t('flags_member')), h('dd', null, other.join('、'))] : null,
      h('dt', null, t('incomes')), h('dd', null, incomes)));
}

function householdFacts(hh) {
  const assets = hh.assets || {};
  const rows = [];
  const add = (k, v) => rows.push(h('dt', null, t(k)), h('dd', null, v));
  if (assets.deposits !== undefined) add('deposits', money(assets.deposits));
  if (assets.securities !== undefined) add('securities', money(assets.securities));
  if (assets.businesses !== undefined) add('businesses', String(assets.businesses));
  if (assets.public_payroll !== undefined) add('public_payroll', yesNo(assets.public_payroll));
  if ((assets.vehicles || []).length) add('vehicles', assets.vehicles.map((v) => `${label('vehicle', v.kind)} ${money(v.value)}${v.for_disability ? ' · ' + t('for_disability') : ''}`).join('；'));
  if ((assets.houses || []).length) add('houses', assets.houses.map((x) => `${x.area_m2} ㎡ ${label('purpose', x.purpose)}`).join('；'));
  const ex = hh.expenses || {};
  if (ex.medical_self_paid !== undefined) add('medical_self_paid', money(ex.medical_self_paid));
  if (ex.education !== undefined) add('education', money(ex.education));
  const obligors = (hh.obligors || []).map((o) => h('li', null, `${label('obligor_relation', o.relation)} ${maskId(o.id)}`,
    o.monthly_income !== undefined ? ` · ${t('obligor_income')} ${money(o.monthly_income)}` : '',
    ` · ${t('assets_within_limits')} ${yesNo(o.assets_within_limits)}`,
    (o.status || []).length ? ` · ${o.status.map((s) => label('obligor_status', s)).join('、')}` : ''));
  const enrolments = (hh.enrolments || []).map((e) => h('li', null,
    `${scopeLabel(e.program, e.member === undefined ? null : e.member, hh)} · ${t('since')} ${e.since} · ${money(e.monthly)} 元`,
    e.last_review ? ` · ${t('last_review')} ${e.last_review}` : '', e.phase_out_until ? ` · ${t('phase_out_until')} ${e.phase_out_until}` : ''));
  return h('div.household-facts', null,
    rows.length ? [h('h4', null, `${t('assets')} · ${t('expenses')}`), h('dl.facts', null, rows)] : null,
    obligors.length ? [h('h4', null, t('obligors')), h('ul', null, obligors)] : null,
    enrolments.length ? [h('h4', null, t('enrolments').replace(/（.*）|\s*\(.*\)/, '')), h('ul', null, enrolments)] : null);
}

function changeText(c) {
  return c.remove ? `${c.path} ✕` : `${c.path} = ${typeof c.value === 'object' ? JSON.stringify(c.value) : c.value}`;
}

function visitItem(v, hh) {
  return h('li.visit', null,
    h('div.visit-head', null, h('strong', null, `${v.date} · ${t(`visit_${v.kind}`)}`),
      h('span.muted', null, t('visit_by', { user: v.user || '', at: v.recorded_at || '' })),
      v.version !== undefined ? h('span.muted', null, `${t('version')} ${v.version}`) : null),
    v.note ? h('p.note', null, v.note) : null,
    (v.changes || []).length ? h('ul.changes', null, v.changes.map((c) => h('li.mono', null, changeText(c)))) : null,
    v.decision ? summaryLine(v.decision, hh) : null);
}

async function historyBlock(id, hh) {
  const box = h('div.history', null, h('p.muted', null, t('loading')));
  api.history(id).then((history) => {
    const runs = history.runs || [];
    const visits = history.visits || [];
    replace(box,
      h('h4', null, t('runs')),
      runs.length ? h('ul.runs', null, runs.map((r) => h('li.run', null,
        h('details', null, h('summary', null, `${t('run')} #${r.run} · ${t('as_of')} ${r.as_of}`,
          ' ', (r.decision && r.decision.flags || []).map((f) => flagChip(f.code))),
        r.decision ? renderDecision(r.decision, hh) : null)))) : h('p.muted', null, t('no_runs')),
      h('h4', null, t('visits')),
      visits.length ? h('ul.visits', null, visits.map((v) => visitItem(v, hh))) : h('p.muted', null, t('no_visits')));
  }).catch((e) => replace(box, h('p.form-error', null, errorText(e))));
  return box;
}

async function householdView(id, stillCurrent) {
  replace(main, h('p.muted', null, t('loading')));
  const data = await api.household(id);
  if (!stillCurrent()) return;
  const hh = data.household || {};
  const d = data.decision;
  let before = null;
  try {
    const saved = JSON.parse(sessionStorage.getItem('jiuzhu.before') || 'null');
    sessionStorage.removeItem('jiuzhu.before');
    if (saved && saved.id === hh.id && saved.decision) before = saved.decision;
  } catch (e) { /* nothing to compare with */ }
  showSavedNotice();
  const latest = (data.visits || [])[0];
  const fromVisit = d && latest && latest.version === data.version && latest.date === d.as_of ? latest : null;
  replace(main,
    h('div.page-head', null,
      h('h2', null, `${t('household')} ${hh.id}`, ' ', h('span.muted', null, `${t('version')} ${data.version}`)),
      h('p.muted.hh-meta', null, [hh.region, t(`hukou_${hh.hukou}`), hh.grid ? `${t('grid')} ${hh.grid}` : null,
        t('members_count', { n: (hh.members || []).length })].filter(Boolean).join(' · ')),
      h('div.actions', null,
        h('a.button.primary', { href: href(['h', hh.id, 'visit']), id: 'record-visit' }, t('record_visit')),
        h('a.button.secondary', { href: '#/w' }, t('back')))),
    h('div.columns', null,
      h('div.col-main', { id: 'household-decision' },
        fromVisit ? h('p.muted', null, t('decision_source_visit', { date: fromVisit.date })) : null,
        before ? h('p.banner.compare', null, t('compared_with', { as_of: before.as_of })) : null,
        renderDecision(d, hh, before)),
      h('div.col-side', null,
        h('h3', null, t('members')),
        (hh.members || []).map((m) => memberFacts(m, d && d.as_of)),
        householdFacts(hh),
        h('h3', null, t('history')),
        await historyBlock(hh.id, hh))));
}

// ---- 走访登记 and 新申请预审: a form with the decision previewed live ----

// Calls /api/screen for the editor's draft after a pause in typing; the newest answer wins.
function livePreview(editor, box, asOf, before) {
  let seq = 0;
  let controller = null;
  const status = h('p.muted.preview-status', { 'aria-live': 'polite' });
  const banner = h('div.preview-errors', { role: 'alert' });
  const body = h('div.preview-body');
  replace(box, status, banner, body);
  const run = async () => {
    if (!editor.valid()) return;
    const mine = ++seq;
    if (controller) controller.abort();
    controller = new AbortController();
    status.textContent = t('screening');
    try {
      const decision = await api.screen(editor.draft(), asOf(), controller.signal);
      if (mine !== seq) return;
      editor.clearErrors();
      replace(banner);
      status.textContent = '';
      replace(body, renderDecision(decision, editor.draft(), before ? before() : null));
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      if (mine !== seq) return;
      status.textContent = '';
      if (e instanceof ApiError && e.status === 422) {
        const errors = Array.isArray(e.body.errors) && e.body.errors.length ? e.body.errors : [e.body];
        const homeless = editor.showErrors(errors);
        replace(banner, homeless.length ? h('ul.form-error', null, homeless.map((x) => h('li', null, x.message || x.code))) : null);
      } else if (!(e instanceof ApiError && e.status === 401)) {
        replace(banner, h('p.form-error', null, errorText(e)));
      }
    }
  };
  const schedule = debounce(run, 350);
  return { schedule, now: run };
}

async function visitView(id, stillCurrent) {
  replace(main, h('p.muted', null, t('loading')));
  const data = await api.household(id);
  if (!stillCurrent()) return;
  const hh = data.household;
  let baseline = null;  // the stored facts decided as of the visit date: what the preview is compared with

  const date = h('input', { type: 'date', id: 'visit-date', value: today(), max: today(), dataset: { path: 'date' } });
  const kind = h('select', { id: 'visit-kind' }, ['monthly', 'review', 'application', 'other'].map((k) => h('option', { value: k }, t(`visit_${k}`))));
  const note = h('textarea', { id: 'visit-note', rows: 3 });
  const changesBox = h('div.changes-box');
  const previewBox = h('div.preview', { id: 'visit-preview' });
  const banner = h('div.visit-banner', { role: 'alert' });
  const save = h('button.primary', { type: 'submit', id: 'save-visit' }, t('save_visit'));

  let preview = null;
  const showChanges = () => {
    const changes = editor.changes();
    replace(changesBox, h('h4', null, t('changes')),
      changes.length ? h('ul.changes', null, changes.map((c) => h('li.mono', null, changeText(c))))
        : h('p.muted', null, t('no_changes')));
  };
  const editor = createEditor(hh, { mode: 'visit', onChange: () => { showChanges(); preview.schedule(); } });
  preview = livePreview(editor, previewBox, () => date.value || today(), () => baseline);

  const loadBaseline = async () => {
    try { baseline = await api.screen(hh, date.value || today()); } catch (e) { baseline = null; }
    preview.now();
  };
  date.addEventListener('change', loadBaseline);

  const fieldError = (path) => h('span.field-error', { dataset: { for: path } });
  const form = h('form.visit-form', { novalidate: true },
    h('fieldset.section.visit-meta', null, h('legend', null, t('record_visit')),
      h('div.row', null,
        h('label.field', null, h('span.field-label', null, t('date')), date, fieldError('date')),
        h('label.field', null, h('span.field-label', null, t('kind')), kind, fieldError('kind'))),
      h('label.field.wide', null, h('span.field-label', null, t('note')), note, fieldError('note'))),
    editor.el, changesBox, banner,
    h('div.actions.sticky-actions', null, save, h('a.button.secondary', { href: href(['h', hh.id]) }, t('back'))));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!editor.valid()) { editor.focusFirstError(); return; }
    save.disabled = true;
    save.textContent = t('saving');
    replace(banner);
    for (const s of form.querySelectorAll('.visit-meta .field-error')) s.textContent = '';
    const changes = editor.changes();
    try {
      const res = await api.visit(hh.id, { date: date.value, kind: kind.value, note: note.value, base_version: data.version, changes });
      sessionStorage.setItem('jiuzhu.saved', t('saved', { version: res.version }));
      // The household page then shows what the visit changed against the decision seen before it.
      sessionStorage.setItem('jiuzhu.before', JSON.stringify({ id: hh.id, decision: data.decision }));
      go(['h', hh.id]);
    } catch (e) {
      save.disabled = false;
      save.textContent = t('save_visit');
      if (e instanceof ApiError && e.status === 409) {
        replace(banner, h('div.banner.error', { id: 'visit-conflict' }, t('conflict'), ' ',
          h('button.secondary', { type: 'button', onclick: () => route() }, t('reload'))));
      } else if (e instanceof ApiError && e.status === 422) {
        const errors = (Array.isArray(e.body.errors) && e.body.errors.length ? e.body.errors : [e.body]).map((x) => {
          const c = typeof x.change === 'number' ? x.change : e.body.change;
          return !x.path && typeof c === 'number' && changes[c] ? { ...x, path: changes[c].path } : x;
        });
        const rest = [];
        for (const x of editor.showErrors(errors)) {
          // A refused visit field may come without a path ("date 2099-01-01 is after today"): its first word names it.
          const field = x.path || ((/^(date|kind|note)\b/.exec(x.message || '') || [])[1]);
          const slot = ['date', 'kind', 'note'].includes(field) && form.querySelector(`.visit-meta .field-error[data-for="${field}"]`);
          if (slot) slot.textContent = x.message || x.code; else rest.push(x);
        }
        for (const input of form.querySelectorAll('.visit-meta input, .visit-meta select')) {
          const slot = form.querySelector(`.visit-meta .field-error[data-for="${input.dataset.path || input.id.replace('visit-', '')}"]`);
          input.classList.toggle('invalid', Boolean(slot && slot.textContent));
        }
        replace(banner, h('div.banner.error', { id: 'visit-invalid' }, t('invalid'),
          rest.length ? h('ul', null, rest.map((x) => h('li', null, x.message || x.code))) : null));
        editor.focusFirstError();
      } else {
        replace(banner, h('div.banner.error', null, errorText(e)));
      }
    }
  });

  replace(main,
    h('div.page-head', null, h('h2', null, t('visit_title', { id: hh.id })),
      h('p.muted', null, [hh.region, t(`hukou_${hh.hukou}`), hh.grid].filter(Boolean).join(' · '))),
    h('div.columns.visit', null,
      h('div.col-main', null, form),
      h('aside.col-side.preview-panel', null, h('h3', null, t('preview')), h('p.muted', null, t('preview_hint')), previewBox)));
  showChanges();
  loadBaseline();
}

function newApplication() {
  const stamp = today().replace(/-/g, '');
  return { id: `申请-${stamp}-${Math.floor(Math.random() * 9000 + 1000)}`, region: '', hukou: 'urban',
    members: [{ id: '', name: '', relation: 'head' }] };
}

async function applyView() {
  const asOf = h('input', { type: 'date', id: 'apply-as-of', value: today() });
  const previewBox = h('div.preview', { id: 'apply-preview' });
  const editor = createEditor(newApplication(), { mode: 'application', onChange: () => preview.schedule() });
  const preview = livePreview(editor, previewBox, () => asOf.value || today(), null);
  asOf.addEventListener('change', () => preview.now());
  replace(main,
    h('div.page-head', null, h('h2', null, t('apply_title')), h('p.muted', null, t('apply_hint')),
      h('div.actions.no-print', null, h('button.secondary', { type: 'button', onclick: () => window.print() }, t('print')))),
    h('div.columns.apply', null,
      h('div.col-main', null,
        h('fieldset.section', null, h('label.field', null, h('span.field-label', null, t('evaluate_on')), asOf)),
        editor.el),
      h('aside.col-side.preview-panel', null, h('h3', null, t('apply_results')), previewBox,
        h('p.muted.print-only', null, t('print_footer')))));
}

// ---- 用户 (admin only): who may log in, with their role and scope ----

async function usersView(stillCurrent) {
  replace(main, h('p.muted', null, t('loading')));
  const data = await api.users();
  if (!stillCurrent()) return;
  const columns = [
    { title: t('user'), cell: (u) => u.name },
    { title: t('role'), cell: (u) => t(`role_${u.role}`) },
    { title: t('grid'), cell: (u) => (u.grids || []).join('、') },
    { title: t('col_region'), cell: (u) => (u.regions || []).join('、') },
    { title: t('user_state'), cell: (u) => (u.disabled ? t('user_disabled') : t('user_active')) },
  ];
  replace(main, h('div.page-head', null, h('h2', null, t('nav_users')), h('p.muted', null, t('users_hint'))),
    table(columns, data.users || [], 'users'));
}

// ---- start: resume the session if there is one ----

window.addEventListener('hashchange', route);

function showSavedNotice() {
  const saved = sessionStorage.getItem('jiuzhu.saved');
  if (!saved) return;
  sessionStorage.removeItem('jiuzhu.saved');
  const toast = h('div.toast', { role: 'status', id: 'toast' }, saved);
  document.body.append(toast);
  setTimeout(() => toast.remove(), 4000);
}

(async () => {
  try {
    startSession(await api.session());
  } catch (e) {
    session.user = null;
  }
  route();
})();
