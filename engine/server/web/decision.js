// A Decision (decision.md) as the caseworker reads it: the flags to act on, each program's result with every
// rule ✓ ✗ ? and its message, basis and values, the distance to the threshold, and the data issues.
import { h, money, plain, maskId } from './view.js';
import { t, label, getLang } from './i18n.js';

const OUTCOME_MARK = { pass: '✓', fail: '✗', unknown: '?', skip: '–' };

function memberName(household, id) {
  const m = household && Array.isArray(household.members) ? household.members.find((x) => x.id === id) : null;
  return m && m.name ? m.name : '';
}

// "低保（全户）", "低保 · 单人保（张三 510502********0218）", "特困（李四 …）".
export function scopeLabel(program, member, household) {
  const name = label('program', program);
  const [open, close] = getLang() === 'en' ? [' (', ')'] : ['（', '）'];
  if (member === null || member === undefined) return `${name}${open}${t('whole_household')}${close}`;
  const who = [memberName(household, member), maskId(member)].filter(Boolean).join(' ');
  const single = program === 'dibao' ? ` · ${t('single_member')}` : '';
  return `${name}${single}${open}${who}${close}`;
}

export function flagKey(f) { return `${f.code}|${f.program || ''}|${f.member || ''}`; }

// The flag's message: the engine's Chinese text; in English a sentence from the code and its fields.
function flagMessage(f, household) {
  if (getLang() === 'zh' || f.message_en) return getLang() === 'zh' ? f.message : f.message_en;
  const scope = f.program ? scopeLabel(f.program, f.member, household) : '';
  return [label('flag', f.code), scope].filter(Boolean).join(' — ');
}

function flagExtras(f) {
  const out = [];
  if (f.until) out.push(t('until', { until: f.until }));
  if (f.due) out.push(t('due', { due: f.due }));
  const hasNow = f.amount_now !== undefined && f.amount_now !== null;
  const hasNew = f.amount_new !== undefined && f.amount_new !== null;
  if (hasNow && hasNew) out.push(t('amount_change', { now: money(f.amount_now), new: money(f.amount_new) }));
  else if (hasNow) out.push(t('amount_now_only', { now: money(f.amount_now) }));
  else if (hasNew) out.push(t('amount_new_only', { new: money(f.amount_new) }));
  if (Array.isArray(f.missing) && f.missing.length) out.push(t('missing', { missing: f.missing.join('、') }));
  if (f.source) out.push(t('source', { source: label('source', f.source) }));
  return out;
}

export function flagChip(code, extraClass) {
  return h(`span.chip.flag-${code}${extraClass ? '.' + extraClass : ''}`, { title: code }, label('flag', code));
}

// The flags of a decision; with `before` (another decision's flags), each is marked new / unchanged and the ones
// that went away are listed as resolved.
export function renderFlags(flags, household, before) {
  const list = h('ul.flags');
  const beforeKeys = before ? new Set(before.map(flagKey)) : null;
  const nowKeys = new Set((flags || []).map(flagKey));
  for (const f of flags || []) {
    const isNew = beforeKeys && !beforeKeys.has(flagKey(f));
    list.append(h(`li.flag${isNew ? '.added' : ''}`, { dataset: { flag: f.code, program: f.program || '', member: f.member || '' } },
      flagChip(f.code),
      isNew ? h('span.delta.added', null, t('flag_added')) : null,
      h('span.flag-msg', null, flagMessage(f, household)),
      flagExtras(f).map((x) => h('span.flag-extra', null, x))));
  }
  if (before) {
    for (const f of before) {
      if (nowKeys.has(flagKey(f))) continue;
      list.append(h('li.flag.removed', { dataset: { flag: f.code, program: f.program || '', member: f.member || '' } },
        flagChip(f.code), h('span.delta.removed', null, t('flag_removed')),
        h('span.flag-msg', null, flagMessage(f, household))));
    }
  }
  if (!list.firstChild) list.append(h('li.none', null, t('no_flags')));
  return list;
}

// The distance to the threshold of a rule that compares a figure with a standard or limit (values `excess` /
// `gap` with `standard` or `limit`); null when the rule has none.
export function distanceOf(reason) {
  const v = reason.values || {};
  if (reason.outcome === 'skip' || typeof v.excess !== 'number') return null;
  const threshold = typeof v.standard === 'number' ? v.standard : (typeof v.limit === 'number' ? v.limit : null);
  if (threshold === null) return null;
  const what = typeof v.standard === 'number' ? t('the_standard') : t('the_limit');
  const figureKey = ['per_capita_income', 'own_income', 'assets', 'income'].find((k) => typeof v[k] === 'number');
  const figure = figureKey ? v[figureKey] : threshold + v.excess;
  const over = v.excess >= 0;
  const lines = [over ? t('dist_above', { excess: money(v.excess), what }) : t('dist_below', { gap: money(-v.excess), what })];
  if (figureKey === 'per_capita_income' && typeof v.counted === 'number' && v.counted > 0) {
    const room = Math.abs(v.excess) * v.counted;
    lines.push(over ? t('dist_household_over', { room: money(room), counted: v.counted })
      : t('dist_household', { room: money(room), counted: v.counted }));
  }
  const top = Math.max(figure, threshold) * 1.25 || 1;
  const meter = h('meter', { min: 0, max: top, low: threshold * 0.999, high: threshold, optimum: 0, value: Math.max(0, figure) });
  return h(`div.distance${over ? '.over' : '.under'}`, null,
    h('span.distance-label', null, t('distance')), meter, lines.map((l) => h('span.distance-text', null, l)));
}

function renderValues(values) {
  const entries = Object.entries(values || {});
  if (!entries.length) return null;
  return h('dl.values', null, entries.map(([k, v]) => [h('dt', null, k), h('dd', null, plain(v))]));
}

function renderReason(r, showDistance) {
  const text = getLang() === 'en' ? (r.text_en || r.text) : (r.text || r.text_en);
  const distance = showDistance ? distanceOf(r) : null;
  return h(`li.reason.${r.outcome}`, { dataset: { rule: r.rule } },
    h('span.mark', { 'aria-label': r.outcome, title: r.outcome }, OUTCOME_MARK[r.outcome] || '?'),
    h('div.reason-body', null,
      h('div.reason-text', null, text || (r.outcome === 'skip' ? t('skip') : r.rule)),
      distance,
      h('div.reason-meta', null,
        r.basis ? h('span.basis', null, `${t('basis')}：${r.basis}`) : null,
        h('code.rule-id', null, r.rule)),
      Object.keys(r.values || {}).length
        ? h('details.values-box', null, h('summary', null, t('values')), renderValues(r.values)) : null));
}

function statusBadge(status) {
  return h(`span.status.${status}`, null, t(`status_${status}`));
}

export function renderProgram(p, household, before, flagged) {
  const amount = p.status === 'eligible' && p.monthly_amount !== null && p.monthly_amount !== undefined
    ? t('per_month', { amount: money(p.monthly_amount) }) : (p.status === 'ineligible' ? t('per_month', { amount: money(0) }) : '');
  let change = null;
  if (before && (before.status !== p.status || before.monthly_amount !== p.monthly_amount)) {
    change = h('span.delta.changed', null,
      t('changed_from', { old: `${t(`status_${before.status}`)} ${money(before.monthly_amount)}` }));
  }
  // The first rule with a threshold is shown at the head of the result (the distance a caseworker looks for);
  // later ones beside their rule.
  const reasons = p.reasons || [];
  const first = reasons.findIndex((r) => distanceOf(r) !== null);
  // Open: what a caseworker acts on (eligible, undetermined, enrolled, flagged, changed); a plain "not eligible"
  // stays folded to its head and the first failed rule.
  const open = p.status !== 'ineligible' || p.enrolled || Boolean(change) || flagged;
  const firstFail = !open ? reasons.find((r) => r.outcome === 'fail') : null;
  return h(`details.program.${p.status}`, { open, dataset: { program: p.program, member: p.member || '' } },
    h('summary.program-head', null,
      h('h4', null, scopeLabel(p.program, p.member, household)),
      statusBadge(p.status),
      amount ? h('span.amount', null, amount) : null,
      h('span.enrolled', null, p.enrolled ? t('enrolled') : t('not_enrolled')),
      change,
      firstFail ? h('span.first-fail', null, getLang() === 'en' ? (firstFail.text_en || firstFail.text) : firstFail.text) : null),
    first >= 0 ? distanceOf(reasons[first]) : null,
    reasons.length ? h('ol.reasons', null, reasons.map((r, i) => renderReason(r, i !== first))) : null);
}

function programKey(p) { return `${p.program}|${p.member || ''}`; }

// The whole decision. `before` (optional): an earlier decision to show what changed.
export function renderDecision(decision, household, before) {
  if (!decision) return h('p.muted', null, t('no_decision'));
  const beforePrograms = new Map(((before && before.programs) || []).map((p) => [programKey(p), p]));
  const issues = decision.data_issues || [];
  return h('div.decision', null,
    h('p.decision-meta', null, t('decision_of', { as_of: decision.as_of, version: decision.rules_version || '' })),
    h('h3', null, t('flags')),
    renderFlags(decision.flags, household, before ? before.flags || [] : null),
    h('h3', null, t('results')),
    (decision.programs || []).map((p) => renderProgram(p, household, before ? beforePrograms.get(programKey(p)) : null,
      (decision.flags || []).some((f) => f.program === p.program && (f.member || null) === (p.member || null)))),
    issues.length ? [h('h3', null, t('data_issues')),
      h('ul.issues', null, issues.map((d) => h('li', null, h('code', null, d.path || ''), ' ', d.message || d.code)))] : null);
}

// One line per program: status and amount, for compact lists (history).
export function summaryLine(decision, household) {
  return h('ul.summary', null, (decision.programs || []).map((p) =>
    h('li', null, scopeLabel(p.program, p.member, household), ' ', statusBadge(p.status),
      p.status === 'eligible' ? ` ${money(p.monthly_amount)}` : '')),
  (decision.flags || []).length ? h('li', null, decision.flags.map((f) => flagChip(f.code))) : null);
}
