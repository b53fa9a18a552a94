// A form over a household's facts (household.md). The form edits a draft copy; changes() lists what differs from
// the original as the visit's JSON-path changes (http.md), draft() is the edited household for /api/screen.
// Mode 'visit': id, region, grid and enrolments are read-only. Mode 'application': a new household, all editable.
import { h, replace, deepClone, deepEqual, maskId } from './view.js';
import { t, label, labelKeys } from './i18n.js';

// ---- JSON paths: "members[1].incomes[0].monthly" <-> ['members', 1, 'incomes', 0, 'monthly'] ----

export function parsePath(path) {
  const parts = [];
  for (const piece of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(piece);
    if (!m) return null;
    if (m[1]) parts.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) parts.push(Number(idx[1]));
  }
  return parts;
}

function joinKey(path, key) { return path ? `${path}.${key}` : key; }

export function getAt(obj, path) {
  let cur = obj;
  for (const p of parsePath(path) || []) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[p];
  }
  return cur;
}

function setAt(obj, path, value) {
  const parts = parsePath(path);
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (cur[parts[i]] === null || cur[parts[i]] === undefined) cur[parts[i]] = typeof parts[i + 1] === 'number' ? [] : {};
    cur = cur[parts[i]];
  }
  cur[parts[parts.length - 1]] = value;
}

function unsetAt(obj, path) {
  const parts = parsePath(path);
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = cur && cur[parts[i]];
  }
  if (cur && typeof cur === 'object') delete cur[parts[parts.length - 1]];
}

// The changes that turn `before` into `after`, in an order the server can apply one by one: fields set, array
// elements replaced in place, then appended (each at one past the end), then removed from the end backwards.
export function diffChanges(before, after, path = '', out = []) {
  if (deepEqual(before, after)) return out;
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    for (const key of Object.keys(after)) {
      if (!(key in before)) out.push({ path: joinKey(path, key), value: after[key] });
      else diffChanges(before[key], after[key], joinKey(path, key), out);
    }
    for (const key of Object.keys(before)) {
      if (!(key in after)) out.push({ path: joinKey(path, key), remove: true });
    }
  } else if (Array.isArray(before) && Array.isArray(after) && path) {
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) diffChanges(before[i], after[i], `${path}[${i}]`, out);
    for (let i = common; i < after.length; i++) out.push({ path: `${path}[${i}]`, value: after[i] });
    for (let i = before.length - 1; i >= after.length; i--) out.push({ path: `${path}[${i}]`, remove: true });
  } else {
    out.push({ path, value: after });
  }
  return out;
}

const MONEY = /^\d+(\.\d{1,2})?$/;
const BOOL_FIELDS = ['imprisoned', 'compulsory_rehab', 'declared_missing', 'serious_illness', 'institutional_care',
  'orphan_support', 'work_injury_care_fee'];

export function createEditor(original, { mode = 'visit', onChange = () => {} } = {}) {
  const orig = deepClone(original);
  let draft = deepClone(original);
  const localErrors = new Map();  // path → message, for text the form cannot turn into a value
  const root = h('div.editor');
  const readOnlyIds = mode === 'visit';

  const changed = () => onChange();

  function errorSlot(path) { return h('span.field-error', { dataset: { for: path }, role: 'alert' }); }

  function field(labelText, control, path, extraClass) {
    return h(`label.field${extraClass ? '.' + extraClass : ''}`, null,
      h('span.field-label', null, labelText), control, path ? errorSlot(path) : null);
  }

  function markLocal(path, input, message) {
    if (message) localErrors.set(path, message); else localErrors.delete(path);
    input.classList.toggle('invalid', Boolean(message));
    const slot = input.parentElement && input.parentElement.querySelector('.field-error');
    if (slot) slot.textContent = message || '';
  }

  function textInput(path, { required = false, readonly = false, placeholder = '', type = 'text' } = {}) {
    const v = getAt(draft, path);
    const input = h('input', { type, value: v === undefined || v === null ? '' : v, readonly, placeholder,
      dataset: { path }, autocomplete: 'off' });
    input.addEventListener('input', () => {
      const s = input.value.trim();
      if (!s && required) { markLocal(path, input, t('need_text')); return; }
      markLocal(path, input, null);
      if (!s) unsetAt(draft, path); else setAt(draft, path, s);
      changed();
    });
    return input;
  }

  function moneyInput(path, { required = false, integer = false } = {}) {
    const v = getAt(draft, path);
    const input = h('input.num', { type: 'text', inputmode: integer ? 'numeric' : 'decimal',
      value: v === undefined || v === null ? '' : v, dataset: { path }, autocomplete: 'off' });
    input.addEventListener('input', () => {
      const s = input.value.trim();
      if (!s) {
        if (required) { markLocal(path, input, t('need_number')); return; }
        markLocal(path, input, null); unsetAt(draft, path); changed(); return;
      }
      if (!(integer ? /^\d+$/ : MONEY).test(s)) { markLocal(path, input, t('need_number')); return; }
      markLocal(path, input, null);
      setAt(draft, path, Number(s));
      changed();
    });
    return input;
  }

  // A select; `empty` (a label) offers "not set", which removes the field.
  function selectInput(path, values, labelOf, { empty = null, readonly = false, parse = (x) => x } = {}) {
    const v = getAt(draft, path);
    const input = h('select', { dataset: { path }, disabled: readonly },
      empty !== null ? h('option', { value: '' }, empty) : null,
      values.map((x) => h('option', { value: String(x), selected: String(v) === String(x) }, labelOf(x))));
    if (v === undefined || v === null) input.value = empty !== null ? '' : String(values[0]);
    input.addEventListener('change', () => {
      if (input.value === '') {
        if (getAt(orig, path) === null) setAt(draft, path, null); else unsetAt(draft, path);
      } else {
        setAt(draft, path, parse(input.value));
      }
      changed();
    });
    return input;
  }

  // Yes / no / unknown for optional booleans whose absence means "unknown".
  function triInput(path) {
    const v = getAt(draft, path);
    const input = h('select', { dataset: { path } },
      h('option', { value: '' }, t('unknown')),
      h('option', { value: 'true', selected: v === true }, t('yes')),
      h('option', { value: 'false', selected: v === false }, t('no')));
    input.addEventListener('change', () => {
      if (input.value === '') unsetAt(draft, path); else setAt(draft, path, input.value === 'true');
      changed();
    });
    return input;
  }

  // A checkbox for a boolean defaulting to false: unchecked removes the field unless the original had it.
  function boolInput(path) {
    const input = h('input', { type: 'checkbox', checked: getAt(draft, path) === true, dataset: { path } });
    input.addEventListener('change', () => {
      if (input.checked) setAt(draft, path, true);
      else if (getAt(orig, path) !== undefined) setAt(draft, path, false);
      else unsetAt(draft, path);
      changed();
    });
    return input;
  }

  function check(labelText, input, path) {
    return h('label.check', null, input, h('span', null, labelText), errorSlot(path));
  }

  // Structural edits (add / remove) change the draft and redraw the form.
  function structural(fn) {
    return (ev) => {
      if (ev) ev.preventDefault();
      fn();
      render();
      changed();
    };
  }

  function listAt(path) {
    let list = getAt(draft, path);
    if (!Array.isArray(list)) { list = []; setAt(draft, path, list); }
    return list;
  }

  function removeAt(path, index) {
    const list = getAt(draft, path);
    list.splice(index, 1);
    if (!list.length && getAt(orig, path) === undefined) unsetAt(draft, path);
  }

  function button(text, onclick, cls = 'secondary') {
    return h(`button.${cls}`, { type: 'button', onclick }, text);
  }

  // ---- sections ----

  function headerSection() {
    if (mode !== 'application') return null;
    return h('fieldset.section', null, h('legend', null, t('household')),
      h('div.row', null,
        field(t('household_id'), textInput('id', { required: true }), 'id'),
        field(t('region'), textInput('region', { required: true, placeholder: '510502' }), 'region'),
        field(t('hukou'), selectInput('hukou', ['urban', 'rural'], (x) => t(`hukou_${x}`)), 'hukou'),
        field(t('grid'), textInput('grid'), 'grid')));
  }

  function incomeRow(mi, ii) {
    const base = `members[${mi}].incomes[${ii}]`;
    return h('div.row.income', null,
      field(t('income_kind'), selectInput(`${base}.kind`, labelKeys('income'), (x) => label('income', x)), `${base}.kind`),
      field(t('monthly'), moneyInput(`${base}.monthly`, { required: true }), `${base}.monthly`),
      check(t('irregular'), boolInput(`${base}.irregular`), `${base}.irregular`),
      button(t('remove'), structural(() => removeAt(`members[${mi}].incomes`, ii)), 'link danger'));
  }

  function disabilityBlock(mi) {
    const base = `members[${mi}].disability`;
    const has = getAt(draft, base);
    const toggle = h('input', { type: 'checkbox', checked: Boolean(has), dataset: { path: base } });
    toggle.addEventListener('change', structural(() => {
      if (toggle.checked) setAt(draft, base, { category: 'physical', grade: 4 });
      else if (getAt(orig, base) === null) setAt(draft, base, null);
      else unsetAt(draft, base);
    }));
    return h('div.sub', null, check(t('has_disability'), toggle, base),
      has ? h('div.row', null,
        field(t('category'), selectInput(`${base}.category`, labelKeys('disability'), (x) => label('disability', x)), `${base}.category`),
        field(t('grade_label'), selectInput(`${base}.grade`, [1, 2, 3, 4], (x) => t('grade', { grade: x }), { parse: Number }), `${base}.grade`),
        field(t('needs_long_term_care'), triInput(`${base}.needs_long_term_care`), `${base}.needs_long_term_care`)) : null);
  }

  function memberCard(m, mi) {
    const base = `members[${mi}]`;
    const isNew = mi >= ((orig.members || []).length);
    const idReadonly = readOnlyIds && !isNew;
    const incomes = Array.isArray(m.incomes) ? m.incomes : [];
    return h('fieldset.section.member', { dataset: { member: mi } },
      h('legend', null, `${label('relation', m.relation)} · ${m.name || ''}`),
      h('div.row', null,
        field(t('name'), textInput(`${base}.name`, { required: true }), `${base}.name`),
        field(t('relation'), selectInput(`${base}.relation`, labelKeys('relation'), (x) => label('relation', x)), `${base}.relation`),
        field(t('id_number'), idReadonly ? h('input', { type: 'text', value: maskId(m.id), readonly: true, dataset: { path: `${base}.id` } })
          : textInput(`${base}.id`, { required: true, placeholder: '18' }), `${base}.id`),
        field(t('school_level'), selectInput(`${base}.school_level`, labelKeys('school'), (x) => label('school', x), { empty: '—' }), `${base}.school_level`),
        field(t('self_care'), selectInput(`${base}.self_care`, labelKeys('self_care'), (x) => label('self_care', x), { empty: t('unknown') }), `${base}.self_care`),
        field(t('deceased_on'), textInput(`${base}.deceased_on`, { type: 'date' }), `${base}.deceased_on`),
        field(t('other_care_allowance'), moneyInput(`${base}.other_care_allowance`), `${base}.other_care_allowance`)),
      disabilityBlock(mi),
      h('div.checks', null, BOOL_FIELDS.map((k) => check(t(k), boolInput(`${base}.${k}`), `${base}.${k}`))),
      h('div.sub.incomes', null, h('h5', null, t('incomes')),
        incomes.map((_, ii) => incomeRow(mi, ii)),
        h('span.field-error', { dataset: { for: `${base}.incomes` } }),
        button(t('add_income'), structural(() => listAt(`${base}.incomes`).push({ kind: 'wage', monthly: 0 })))),
      (draft.members.length > 1 && (isNew || mode === 'visit'))
        ? button(t('remove'), structural(() => draft.members.splice(mi, 1)), 'link danger') : null);
  }

  function membersSection() {
    if (!Array.isArray(draft.members)) draft.members = [];
    return h('div.members-edit', null, h('h3', null, t('members')),
      draft.members.map(memberCard),
      h('span.field-error', { dataset: { for: 'members' } }),
      button(t('add_member'), structural(() => draft.members.push({ id: '', name: '', relation: 'other' }))));
  }

  function assetsSection() {
    const vehicles = getAt(draft, 'assets.vehicles') || [];
    const houses = getAt(draft, 'assets.houses') || [];
    return h('fieldset.section', null, h('legend', null, t('assets')),
      h('div.row', null,
        field(t('deposits'), moneyInput('assets.deposits'), 'assets.deposits'),
        field(t('securities'), moneyInput('assets.securities'), 'assets.securities'),
        field(t('businesses'), moneyInput('assets.businesses', { integer: true }), 'assets.businesses'),
        check(t('public_payroll'), boolInput('assets.public_payroll'), 'assets.public_payroll')),
      h('div.sub', null, h('h5', null, t('vehicles')),
        vehicles.map((_, i) => h('div.row', null,
          field(t('vehicle_kind'), selectInput(`assets.vehicles[${i}].kind`, labelKeys('vehicle'), (x) => label('vehicle', x)), `assets.vehicles[${i}].kind`),
          field(t('value_yuan'), moneyInput(`assets.vehicles[${i}].value`, { required: true }), `assets.vehicles[${i}].value`),
          check(t('for_disability'), boolInput(`assets.vehicles[${i}].for_disability`), `assets.vehicles[${i}].for_disability`),
          button(t('remove'), structural(() => removeAt('assets.vehicles', i)), 'link danger'))),
        button(t('add_vehicle'), structural(() => listAt('assets.vehicles').push({ kind: 'car', value: 0, for_disability: false })))),
      h('div.sub', null, h('h5', null, t('houses')),
        houses.map((_, i) => h('div.row', null,
          field(t('area_m2'), moneyInput(`assets.houses[${i}].area_m2`, { required: true }), `assets.houses[${i}].area_m2`),
          field(t('purpose'), selectInput(`assets.houses[${i}].purpose`, labelKeys('purpose'), (x) => label('purpose', x)), `assets.houses[${i}].purpose`),
          button(t('remove'), structural(() => removeAt('assets.houses', i)), 'link danger'))),
        button(t('add_house'), structural(() => listAt('assets.houses').push({ area_m2: 0, purpose: 'residence' })))));
  }

  function expensesSection() {
    return h('fieldset.section', null, h('legend', null, t('expenses')),
      h('div.row', null,
        field(t('medical_self_paid'), moneyInput('expenses.medical_self_paid'), 'expenses.medical_self_paid'),
        field(t('education'), moneyInput('expenses.education'), 'expenses.education')));
  }

  function obligorsSection() {
    const obligors = Array.isArray(draft.obligors) ? draft.obligors : [];
    return h('fieldset.section', null, h('legend', null, t('obligors')),
      obligors.map((o, i) => {
        const base = `obligors[${i}]`;
        const statuses = Array.isArray(o.status) ? o.status : [];
        return h('div.sub.obligor', null,
          h('div.row', null,
            field(t('relation'), selectInput(`${base}.relation`, labelKeys('obligor_relation'), (x) => label('obligor_relation', x)), `${base}.relation`),
            field(t('id_number'), textInput(`${base}.id`, { required: true }), `${base}.id`),
            field(t('obligor_income'), moneyInput(`${base}.monthly_income`), `${base}.monthly_income`),
            field(t('assets_within_limits'), triInput(`${base}.assets_within_limits`), `${base}.assets_within_limits`),
            button(t('remove'), structural(() => removeAt('obligors', i)), 'link danger')),
          h('div.checks', null, labelKeys('obligor_status').map((s) => {
            const box = h('input', { type: 'checkbox', checked: statuses.includes(s) });
            box.addEventListener('change', () => {
              const now = new Set(Array.isArray(o.status) ? o.status : []);
              if (box.checked) now.add(s); else now.delete(s);
              const list = labelKeys('obligor_status').filter((x) => now.has(x));
              if (list.length || getAt(orig, `${base}.status`) !== undefined) o.status = list; else delete o.status;
              changed();
            });
            return check(label('obligor_status', s), box, `${base}.status`);
          })));
      }),
      button(t('add_obligor'), structural(() => listAt('obligors').push({ id: '', relation: 'child' }))));
  }

  function enrolmentsSection() {
    const list = Array.isArray(draft.enrolments) ? draft.enrolments : [];
    if (mode !== 'visit' || !list.length) return null;
    return h('fieldset.section.readonly', null, h('legend', null, t('enrolments')),
      h('table.grid', null,
        h('thead', null, h('tr', null, [t('program'), t('col_member'), t('since'), t('monthly'), t('last_review'),
          t('phase_out_until')].map((x) => h('th', null, x)))),
        h('tbody', null, list.map((e) => h('tr', null,
          h('td', null, label('program', e.program)), h('td', null, e.member ? maskId(e.member) : t('whole_household')),
          h('td', null, e.since || ''), h('td.num', null, e.monthly), h('td', null, e.last_review || ''),
          h('td', null, e.phase_out_until || ''))))));
  }

  function render() {
    localErrors.clear();
    replace(root, headerSection(), membersSection(), assetsSection(), expensesSection(), obligorsSection(),
      enrolmentsSection());
  }

  // Errors from the server ({path, message}): each beside the field whose path is the longest prefix of it;
  // the ones with no field are returned for a banner.
  function showErrors(errors) {
    clearErrors();
    const homeless = [];
    for (const e of errors) {
      let path = e.path || '';
      let slot = null;
      while (path && !slot) {
        slot = root.querySelector(`.field-error[data-for="${CSS.escape(path)}"]`);
        if (!slot) path = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '') === path ? '' : path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      }
      if (slot) {
        slot.textContent = e.message || e.code;
        slot.classList.add('server');
        const input = slot.parentElement && slot.parentElement.querySelector('input, select');
        if (input) input.classList.add('invalid');
      } else {
        homeless.push(e);
      }
    }
    return homeless;
  }

  function clearErrors() {
    for (const slot of root.querySelectorAll('.field-error.server')) {
      slot.textContent = '';
      slot.classList.remove('server');
    }
    for (const input of root.querySelectorAll('.invalid')) {
      if (!localErrors.has(input.dataset.path)) input.classList.remove('invalid');
    }
  }

  function focusFirstError() {
    const input = root.querySelector('.invalid');
    if (input) input.focus();
  }

  render();
  return {
    el: root,
    draft: () => draft,
    changes: () => diffChanges(orig, draft),
    valid: () => localErrors.size === 0,
    showErrors,
    clearErrors,
    focusFirstError,
    reset(next) { draft = deepClone(next); render(); },
  };
}
