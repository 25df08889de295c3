// UI-1: Chinese first, English on request; the choice is kept in the browser.
const TEXT = {
  zh: {
    title: '经销商集团控制台', signOut: '退出', asOf: '数据截至', updated: '更新于', refresh: '每 5 秒自动刷新',
    attainment: '目标达成', actual: '实际', task: '任务', taskPct: '任务达成率', target: '目标', targetPct: '目标达成率',
    units: '台数', month: '本月', qtd: '本季度累计', ytd: '本年累计', schedule: '月度计划与实际', yoy: '同比',
    yoyTotal: '本年累计同比', ranking: '下级排名（本年累计，点击下钻）', market: '市场占有率（本年累计）', share: '占有率',
    ownUnits: '本集团台数', marketUnits: '市场台数', thisYear: '今年', lastYear: '去年', GROUP: '集团', REGION: '大区',
    BRANCH: '门店', SALESPERSON: '销售顾问', switchTo: 'English', failed: '数据加载失败',
    navDashboard: '业绩看板', navDay: '我的今日', navBranch: '门店管理', navCustomers: '客户', navService: '售后服务',
    noScreens: '您的角色没有可用的页面', none: '无', action: '操作', save: '保存', cancel: '取消',
    dayTitle: '我的今日', overdueFiles: '逾期未完善的客户档案（两天规则）', customer: '客户', mobile: '手机',
    firstVisit: '首次到店', deadline: '截止日期', missing: '缺少项目', leadsDue: '到期的新线索', prospect: '潜在客户',
    source: '来源', interest: '意向车型', nextFollowUp: '下次跟进', plannedVisits: '计划拜访（VIP 优先）',
    plannedDate: '计划日期', purpose: '目的', followUpCalls: '跟进电话', lastContact: '上次联系', contactDate: '日期',
    outcome: '结果', closeLost: '客户已流失，关闭线索', recordOutcome: '记录结果', recordFollowUp: '记录跟进',
    recordVisit: '记录拜访结果',
    'source.WALK_IN': '到店', 'source.PHONE': '电话', 'source.WEBSITE': '网站', 'source.REFERRAL': '转介绍',
    'source.EXHIBITION': '车展', 'source.CAMPAIGN': '活动', 'source.OTHER': '其他'
  },
  en: {
    title: 'Dealer group console', signOut: 'Sign out', asOf: 'Figures as of', updated: 'updated', refresh: 'refreshes every 5 s',
    attainment: 'Attainment', actual: 'Actual', task: 'Task', taskPct: 'Task %', target: 'Target', targetPct: 'Target %',
    units: 'Units', month: 'This month', qtd: 'Quarter to date', ytd: 'Year to date', schedule: 'Monthly schedule vs actual',
    yoy: 'Year over year', yoyTotal: 'Year to date vs last year', ranking: 'Ranking one level down (year to date, click to drill down)',
    market: 'Market share (year to date)', share: 'Share', ownUnits: 'Own units', marketUnits: 'Market units',
    thisYear: 'This year', lastYear: 'Last year', GROUP: 'Group', REGION: 'Region', BRANCH: 'Branch',
    SALESPERSON: 'Salesperson', switchTo: '中文', failed: 'Could not load the figures',
    navDashboard: 'Dashboard', navDay: 'My day', navBranch: 'Branch', navCustomers: 'Customers', navService: 'Service',
    noScreens: 'Your roles have no screens here', none: 'None', action: 'Action', save: 'Save', cancel: 'Cancel',
    dayTitle: 'My day', overdueFiles: 'Overdue customer files (two-day rule)', customer: 'Customer', mobile: 'Mobile',
    firstVisit: 'First visit', deadline: 'Deadline', missing: 'Missing', leadsDue: 'New leads due', prospect: 'Prospect',
    source: 'Source', interest: 'Interested in', nextFollowUp: 'Next follow-up', plannedVisits: 'Planned visits (VIP first)',
    plannedDate: 'Planned date', purpose: 'Purpose', followUpCalls: 'Follow-up calls', lastContact: 'Last contact',
    contactDate: 'Date', outcome: 'Outcome', closeLost: 'The prospect is lost: close the lead',
    recordOutcome: 'Record outcome', recordFollowUp: 'Record follow-up', recordVisit: 'Record visit outcome',
    'source.WALK_IN': 'Walk-in', 'source.PHONE': 'Phone', 'source.WEBSITE': 'Website', 'source.REFERRAL': 'Referral',
    'source.EXHIBITION': 'Exhibition', 'source.CAMPAIGN': 'Campaign', 'source.OTHER': 'Other'
  }
};

let lang = localStorage.getItem('console.lang') === 'en' ? 'en' : 'zh';

export function language() {
  return lang;
}

export function t(key) {
  return TEXT[lang][key] ?? key;
}

export function toggle() {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('console.lang', lang);
  apply();
}

/** Writes the texts of every element with data-i18n, and the document's language. */
export function apply() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  const button = document.getElementById('lang');
  if (button) {
    button.textContent = t('switchTo');
  }
}
