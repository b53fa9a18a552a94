// Chinese first, English on request. t('key', {name: value}) fills {name} placeholders; the choice is kept in
// localStorage. Enumeration values keep their contract spelling in data and are shown through label().

const zh = {
  app_title: '救助 · 工作台',
  app_subtitle: '社会救助动态管理',
  lang_switch: 'English',
  login: '登录', logout: '退出', user: '用户名', password: '密码',
  bad_login: '用户名或密码错误', too_many: '登录失败次数过多，请 15 分钟后再试',
  session_ended: '会话已结束，请重新登录',
  nav_worklist: '我的网格', nav_find: '住户查询', nav_apply: '新申请预审', nav_users: '用户',
  role: '角色', user_state: '状态', user_disabled: '已停用', user_active: '在用',
  users_hint: '用户由管理员在服务器上以 jiuzhu users 命令添加、改密和停用。',
  role_caseworker: '网格员', role_supervisor: '督导', role_admin: '管理员',
  worklist: '工作清单', run: '批次', as_of: '评估日期', no_run: '尚无已完成的月度批次，暂无工作清单。',
  all_grids: '全部网格', grid: '网格', search: '搜索', search_ph: '户编号或成员姓名',
  download: '下载', load_more: '加载更多', loading: '加载中…', empty: '没有记录',
  count_of: '共 {total} 条，已显示 {shown} 条',
  col_household: '户编号', col_head: '户主', col_head_id: '户主身份证号', col_region: '行政区划',
  col_program: '项目', col_member: '成员', col_now: '现发', col_new: '应发', col_reason: '原因', col_flags: '提醒',
  household: '户', back: '返回', reload: '重新加载', version: '版本',
  record_visit: '走访登记', history: '历史记录', members: '家庭成员', facts: '家庭情况',
  results: '判定结果', flags: '提醒事项', no_flags: '无需处理的提醒', data_issues: '数据问题',
  no_decision: '尚无判定（该户未参加已完成的批次，也无走访记录）',
  decision_of: '判定日期 {as_of} · 规则版本 {version}', decision_source_visit: '（来自走访 {date}）',
  status_eligible: '符合', status_ineligible: '不符合', status_undetermined: '待定',
  per_month: '每月 {amount} 元', enrolled: '在保', not_enrolled: '未在保',
  whole_household: '全户', single_member: '单人保',
  basis: '依据', values: '取值', distance: '距离标准',
  dist_below: '低于{what} {gap} 元', dist_above: '超出{what} {excess} 元',
  dist_household: '家庭月收入再增加 {room} 元即达到标准（按计入 {counted} 人）',
  dist_household_over: '家庭月收入需减少 {room} 元才低于标准（按计入 {counted} 人）',
  the_standard: '标准', the_limit: '上限',
  relation: '关系', name: '姓名', id_number: '身份证号', birth: '出生', age_sex: '年龄/性别',
  male: '男', female: '女', age_years: '{age} 岁',
  disability: '残疾', no_disability: '无', grade: '{grade} 级', needs_care: '需长期照护',
  school_level: '在学', self_care: '自理能力', incomes: '收入', no_income: '无收入',
  irregular: '不稳定', monthly: '月额', income_kind: '收入类型', vehicle_kind: '车辆类型', grade_label: '残疾等级',
  assets: '家庭财产', deposits: '存款及现金', securities: '有价证券', businesses: '工商登记', public_payroll: '财政供养人员',
  vehicles: '车辆', houses: '房屋', area_m2: '面积(㎡)', purpose: '用途', value_yuan: '价值(元)', for_disability: '残疾人代步车',
  expenses: '刚性支出', medical_self_paid: '自付医疗费(12个月)', education: '教育支出(12个月)',
  obligors: '赡养/抚养/扶养义务人', obligor_income: '月收入', assets_within_limits: '财产符合规定', status: '状况',
  enrolments: '现享待遇（只读）', since: '起始', last_review: '上次复核', phase_out_until: '渐退期至', program: '项目',
  unknown: '未知', yes: '是', no: '否',
  runs: '批次判定', visits: '走访记录', no_visits: '尚无走访记录', no_runs: '尚无批次判定',
  visit_by: '{user} 于 {at} 登记', changes: '修改内容', note: '情况说明', kind: '走访类型', date: '走访日期',
  visit_monthly: '月走访', visit_review: '半年核对（复核）', visit_application: '申请调查', visit_other: '其他',
  remove_change: '删除', show_decision: '查看判定',
  visit_title: '走访登记 · 户 {id}', preview: '新的判定（预览，尚未保存）', preview_hint: '修改下方情况，判定会即时更新。',
  save_visit: '保存走访记录', saving: '保存中…', saved: '走访已保存（版本 {version}）',
  conflict: '其他人已修改此户，请重新加载后再登记（您的修改未保存）。',
  invalid: '有填写错误，请按提示修改：', no_changes: '未修改任何情况（仅登记走访）',
  flag_added: '新增', flag_removed: '消除', unchanged: '不变', changed_from: '原为 {old}',
  add_income: '添加收入', add_member: '添加成员', add_vehicle: '添加车辆', add_house: '添加房屋',
  add_obligor: '添加义务人', remove: '删除', has_disability: '持残疾人证',
  imprisoned: '服刑', compulsory_rehab: '强制隔离戒毒', declared_missing: '宣告失踪', serious_illness: '重特大疾病',
  institutional_care: '集中供养', orphan_support: '孤儿/事实无人抚养儿童保障', work_injury_care_fee: '工伤护理费',
  deceased_on: '死亡日期', other_care_allowance: '其他护理补贴(月)', flags_member: '其他情况',
  need_number: '请输入不小于 0 的金额（最多两位小数）', need_text: '必填',
  apply_title: '新申请预审', apply_hint: '为到站申请的家庭预先测算，不保存任何信息。',
  household_id: '户编号', region: '行政区划代码', hukou: '户籍类别', hukou_urban: '城市', hukou_rural: '农村',
  evaluate_on: '评估日期', print: '打印', screening: '测算中…',
  not_found: '未找到该户，或不在您的管辖范围内。', forbidden: '无权进行此操作。', error: '出错了：{message}',
  network_error: '无法连接服务器', category: '类别', needs_long_term_care: '需长期照护',
  members_count: '{n} 人', due: '复核到期日 {due}', until: '渐退期至 {until}', missing: '缺少：{missing}',
  source: '来源：{source}', amount_change: '{now} → {new} 元', amount_now_only: '现发 {now} 元',
  amount_new_only: '应发 {new} 元', apply_results: '测算结果', skip: '不适用',
  print_footer: '本结果为依据所填情况的预先测算，不作为审批决定。',
  compared_with: '已标出此次走访带来的变化（与走访前 {as_of} 的判定相比）。',
};

const en = {
  app_title: 'Jiuzhu · Workbench',
  app_subtitle: 'Social assistance caseworker',
  lang_switch: '中文',
  login: 'Log in', logout: 'Log out', user: 'User name', password: 'Password',
  bad_login: 'Wrong user name or password', too_many: 'Too many failed logins; try again in 15 minutes',
  session_ended: 'Your session has ended; please log in again',
  nav_worklist: 'My grids', nav_find: 'Households', nav_apply: 'Pre-screen an application', nav_users: 'Users',
  role: 'Role', user_state: 'State', user_disabled: 'disabled', user_active: 'active',
  users_hint: 'Users are added, given passwords and disabled on the server with jiuzhu users.',
  role_caseworker: 'Caseworker', role_supervisor: 'Supervisor', role_admin: 'Administrator',
  worklist: 'Worklist', run: 'Run', as_of: 'As of', no_run: 'No monthly run has completed yet: no worklist.',
  all_grids: 'All grids', grid: 'Grid', search: 'Search', search_ph: 'Household id or member name',
  download: 'Download', load_more: 'Load more', loading: 'Loading…', empty: 'Nothing here',
  count_of: '{total} in all, {shown} shown',
  col_household: 'Household', col_head: 'Head', col_head_id: 'Head ID', col_region: 'Region',
  col_program: 'Program', col_member: 'Member', col_now: 'Paid now', col_new: 'Due', col_reason: 'Reason',
  col_flags: 'Flags',
  household: 'Household', back: 'Back', reload: 'Reload', version: 'version',
  record_visit: 'Record a visit', history: 'History', members: 'Members', facts: 'Facts',
  results: 'Results', flags: 'To act on', no_flags: 'Nothing to act on', data_issues: 'Data issues',
  no_decision: 'No decision yet (not in a completed run, no visit)',
  decision_of: 'Decided as of {as_of} · rules {version}', decision_source_visit: ' (from the visit of {date})',
  status_eligible: 'eligible', status_ineligible: 'ineligible', status_undetermined: 'undetermined',
  per_month: '{amount} yuan a month', enrolled: 'enrolled', not_enrolled: 'not enrolled',
  whole_household: 'household', single_member: 'single-person',
  basis: 'Basis', values: 'Values', distance: 'Distance to the threshold',
  dist_below: '{gap} yuan below the {what}', dist_above: '{excess} yuan above the {what}',
  dist_household: 'household income may rise by {room} yuan a month before it reaches the standard ({counted} counted)',
  dist_household_over: 'household income must fall by {room} yuan a month to be below the standard ({counted} counted)',
  the_standard: 'standard', the_limit: 'limit',
  relation: 'Relation', name: 'Name', id_number: 'ID number', birth: 'Born', age_sex: 'Age / sex',
  male: 'male', female: 'female', age_years: '{age}',
  disability: 'Disability', no_disability: 'none', grade: 'grade {grade}', needs_care: 'needs long-term care',
  school_level: 'In school', self_care: 'Self-care', incomes: 'Incomes', no_income: 'no income',
  irregular: 'irregular', monthly: 'Monthly', income_kind: 'Kind of income', vehicle_kind: 'Kind of vehicle',
  grade_label: 'Grade',
  assets: 'Property', deposits: 'Deposits and cash', securities: 'Securities', businesses: 'Registered businesses',
  public_payroll: 'Paid from public funds', vehicles: 'Vehicles', houses: 'Houses', area_m2: 'Area (m²)',
  purpose: 'Purpose', value_yuan: 'Value (yuan)', for_disability: 'disability vehicle',
  expenses: 'Rigid expenses', medical_self_paid: 'Medical, self-paid (12 months)', education: 'Education (12 months)',
  obligors: 'Obligors living elsewhere', obligor_income: 'Monthly income', assets_within_limits: 'Property within limits',
  status: 'Status',
  enrolments: 'Benefits received now (read-only)', since: 'Since', last_review: 'Last review',
  phase_out_until: 'Phase-out until', program: 'Program',
  unknown: 'unknown', yes: 'yes', no: 'no',
  runs: 'Runs', visits: 'Visits', no_visits: 'No visit recorded yet', no_runs: 'No run yet',
  visit_by: 'recorded by {user} at {at}', changes: 'Changes', note: 'Note', kind: 'Kind of visit', date: 'Visit date',
  visit_monthly: 'Monthly visit', visit_review: 'Half-yearly review', visit_application: 'Application check',
  visit_other: 'Other',
  remove_change: 'remove', show_decision: 'Show the decision',
  visit_title: 'Visit · household {id}', preview: 'The new decision (preview, not saved)',
  preview_hint: 'Edit the facts below; the decision updates as you type.',
  save_visit: 'Save the visit', saving: 'Saving…', saved: 'Visit saved (version {version})',
  conflict: 'Someone else changed this household — reload it before recording (your changes were not saved).',
  invalid: 'Please correct the marked fields:', no_changes: 'No fact changed (the visit alone is recorded)',
  flag_added: 'new', flag_removed: 'resolved', unchanged: 'unchanged', changed_from: 'was {old}',
  add_income: 'Add an income', add_member: 'Add a member', add_vehicle: 'Add a vehicle', add_house: 'Add a house',
  add_obligor: 'Add an obligor', remove: 'Remove', has_disability: 'Has a disability certificate',
  imprisoned: 'In prison', compulsory_rehab: 'Compulsory drug rehab', declared_missing: 'Declared missing',
  serious_illness: 'Serious illness', institutional_care: 'Lives in a care institution',
  orphan_support: 'Orphan support', work_injury_care_fee: 'Work-injury care fee', deceased_on: 'Died on',
  other_care_allowance: 'Other care allowance (monthly)', flags_member: 'Other facts',
  need_number: 'Enter an amount of at least 0 with at most two decimals', need_text: 'Required',
  apply_title: 'Pre-screen an application', apply_hint: 'A trial decision for a household applying at the station; nothing is stored.',
  household_id: 'Household id', region: 'Region code', hukou: 'Hukou', hukou_urban: 'urban', hukou_rural: 'rural',
  evaluate_on: 'Decide as of', print: 'Print', screening: 'Deciding…',
  not_found: 'No such household, or it is outside your grids.', forbidden: 'You may not do this.',
  error: 'Error: {message}', network_error: 'Cannot reach the server', category: 'Category',
  needs_long_term_care: 'Needs long-term care', members_count: '{n} members', due: 'review due {due}',
  until: 'phase-out until {until}', missing: 'missing: {missing}', source: 'source: {source}',
  amount_change: '{now} → {new} yuan', amount_now_only: 'paid now {now} yuan',
  amount_new_only: 'due {new} yuan', apply_results: 'Trial decision', skip: 'not applicable',
  print_footer: 'A trial decision from the facts entered; not an approval.',
  compared_with: 'Marked: what this visit changed, against the decision of {as_of} seen before it.',
};

const labels = {
  flag: {
    missed: ['漏保', 'missed'], exit: ['应退', 'exit'], phase_out: ['渐退', 'phase-out'],
    increase: ['增发', 'increase'], decrease: ['减发', 'decrease'], review_due: ['复核到期', 'review due'],
    undetermined: ['待补充', 'undetermined'], verify: ['待核实', 'verify'], data_mismatch: ['比对异常', 'data mismatch'],
  },
  program: {
    dibao: ['低保', 'dibao'], tekun: ['特困', 'tekun'],
    disability_living: ['困难残疾人生活补贴', 'disability living subsidy'],
    disability_care: ['重度残疾人护理补贴', 'severe disability care subsidy'],
  },
  relation: {
    head: ['户主', 'head'], spouse: ['配偶', 'spouse'], child: ['子女', 'child'], parent: ['父母', 'parent'],
    grandchild: ['孙子女', 'grandchild'], grandparent: ['祖父母', 'grandparent'], sibling: ['兄弟姐妹', 'sibling'],
    child_in_law: ['儿媳/女婿', 'child-in-law'], other: ['其他', 'other'],
  },
  income: {
    wage: ['工资性收入', 'wage'], business: ['经营净收入', 'business'], property: ['财产净收入', 'property'],
    support: ['赡养/抚养/扶养费', 'support'], pension: ['离退休金/职工养老金', 'pension'],
    basic_pension: ['城乡居民基础养老金', 'basic pension'], special_care: ['优待抚恤金', 'special care'],
    family_planning: ['计划生育奖励与扶助金', 'family planning'], scholarship: ['奖学金/助学金', 'scholarship'],
    assistance: ['社会救助款物', 'assistance'], award: ['奖励性补助', 'award'],
    disability_subsidy: ['残疾人两项补贴', 'disability subsidy'], old_age_allowance: ['高龄津贴', 'old-age allowance'],
    other: ['其他', 'other'],
  },
  disability: {
    visual: ['视力', 'visual'], hearing: ['听力', 'hearing'], speech: ['言语', 'speech'], physical: ['肢体', 'physical'],
    intellectual: ['智力', 'intellectual'], mental: ['精神', 'mental'], multiple: ['多重', 'multiple'],
  },
  school: {
    compulsory: ['义务教育', 'compulsory'], senior_secondary: ['高中/中职', 'senior secondary'],
    undergraduate: ['本科/专科', 'undergraduate'], postgraduate: ['研究生', 'postgraduate'],
  },
  self_care: { full: ['全自理', 'full'], partial: ['半失能', 'partial'], none: ['全失能', 'none'] },
  vehicle: {
    car: ['汽车', 'car'], truck: ['货车', 'truck'], motorcycle: ['摩托车', 'motorcycle'], tricycle: ['三轮车', 'tricycle'],
    farm_machinery: ['农用机械', 'farm machinery'], other: ['其他', 'other'],
  },
  purpose: { residence: ['住宅', 'residence'], commercial: ['商业', 'commercial'], other: ['其他', 'other'] },
  obligor_relation: {
    child: ['子女', 'child'], spouse: ['配偶', 'spouse'], parent: ['父母', 'parent'], grandchild: ['孙子女', 'grandchild'],
    grandparent: ['祖父母', 'grandparent'], sibling: ['兄弟姐妹', 'sibling'],
  },
  obligor_status: {
    tekun: ['特困人员', 'tekun'], dibao: ['低保户成员', 'dibao'], severe_disability: ['重度残疾', 'severe disability'],
    intellectual_or_mental_grade3: ['三级智力/精神残疾', 'grade-3 intellectual/mental'],
    no_civil_capacity: ['无民事行为能力', 'no civil capacity'], declared_missing: ['宣告失踪', 'declared missing'],
    imprisoned: ['服刑', 'imprisoned'],
  },
  source: {
    public_security: ['公安', 'public security'], disability_federation: ['残联', 'disability federation'],
    medical_insurance: ['医保', 'medical insurance'], education: ['教育', 'education'],
    vehicle_registry: ['车管', 'vehicle registry'], business_registry: ['市场监管', 'business registry'],
    payroll: ['财政供养', 'payroll'], social_security: ['人社', 'social security'], real_estate: ['不动产', 'real estate'],
  },
};

// The worklist file stem of registry.md for each flag code.
export const FLAG_STEMS = {
  missed: '漏保', exit: '应退', phase_out: '渐退', increase: '增发减发', decrease: '增发减发',
  review_due: '复核到期', undetermined: '待补充', verify: '待核实', data_mismatch: '比对异常',
};
export const FLAG_CODES = Object.keys(FLAG_STEMS);

let lang = 'zh';
try {
  if (localStorage.getItem('jiuzhu.lang') === 'en') lang = 'en';
} catch (e) { /* storage may be unavailable */ }

export function getLang() { return lang; }

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  try { localStorage.setItem('jiuzhu.lang', lang); } catch (e) { /* ignore */ }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function t(key, params) {
  const table = lang === 'en' ? en : zh;
  let s = key in table ? table[key] : (key in zh ? zh[key] : key);
  if (params) s = s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  return s;
}

// The label of an enumeration value: label('flag', 'missed') → 漏保 / missed; an unknown value shows as itself.
export function label(kind, value) {
  const entry = labels[kind] && labels[kind][value];
  if (!entry) return value === null || value === undefined ? '' : String(value);
  return lang === 'en' ? entry[1] : entry[0];
}

export function labelKeys(kind) { return Object.keys(labels[kind] || {}); }

document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
