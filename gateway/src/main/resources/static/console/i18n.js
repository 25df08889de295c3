// UI-1: Chinese first, English on request; the choice is kept in the browser.
const TEXT = {
  zh: {
    title: '经销商集团控制台', signOut: '退出', asOf: '数据截至', updated: '更新于', refresh: '每 5 秒自动刷新',
    attainment: '目标达成', actual: '实际', task: '任务', taskPct: '任务达成率', target: '目标', targetPct: '目标达成率',
    units: '台数', month: '本月', qtd: '本季度累计', ytd: '本年累计', schedule: '月度计划与实际', yoy: '同比',
    yoyTotal: '本年累计同比', ranking: '下级排名（本年累计，点击下钻）', market: '市场占有率（本年累计）', share: '占有率',
    ownUnits: '本集团台数', marketUnits: '市场台数', thisYear: '今年', lastYear: '去年', GROUP: '集团', REGION: '大区',
    BRANCH: '门店', SALESPERSON: '销售顾问', switchTo: 'English', failed: '数据加载失败',
    branchTitle: '门店管理', morningReport: '晨会报告', meetingDate: '晨会日期', show: '查看', print: '打印',
    covered: '统计期间', salesCount: '销售台次', salesAmount: '销售金额', monthToDate: '本月累计', lastYearSame: '去年同期',
    salesOfPeriod: '期间销售', saleDate: '日期', model: '车型', segment: '客户类别', amount: '金额', salespeople: '销售顾问',
    status: '状态', newLeads: '新增线索', salesperson: '销售顾问', feedback: '客户反馈', kind: '类型', who: '记录人',
    note: '内容', dueToday: '今日到期跟进', targetsGaps: '目标与差距', gapTask: '距任务差额', gapTarget: '距目标差额',
    fullYear: '全年', openComplaints: '未结投诉', raised: '提出日期', satisfaction: '满意度', campaignCalendar: '活动日历与工位',
    campaign: '活动', type: '类型', dates: '日期', capacity: '工位总数', invited: '已邀请', slotsByDay: '每日工位', date: '日期',
    slots: '工位', 'segment.INDIVIDUAL': '个人', 'segment.GROUP_COMPANY': '集团企业', 'segment.GOVERNMENT': '政府',
    'campaign.FREE_TESTING_WEEK': '免费检测周', 'campaign.PREFERENTIAL_SERVICE_MONTH': '优惠服务月',
    'campaign.KNOWLEDGE_PARTY': '用车知识讲座', 'campaign.VIP_TECHNICAL_SEMINAR': 'VIP 技术讲座', 'campaign.VIP_RETURN_VISIT': 'VIP 回访',
    customersTitle: '客户', search: '查询', name: '姓名', plate: '车牌', vin: '车架号', customerClass: '客户等级', all: '全部',
    results: '结果', fileState: '档案状态', branch: '门店', customerFile: '客户档案基本信息表', fileId: '档案编号',
    customerType: '客户类型', email: '电子邮件', address: '地址', language: '语言', wantedServices: '需求服务（用顿号分隔）',
    notes: '备注', vehicles: '车辆', category: '类别', purchaseDate: '购买日期', visits: '来店记录', consent: '联系许可',
    consentChannels: '允许联系的渠道', customer360: '客户全景', purchases: '购车记录', maintenance: '维修保养记录',
    nextDue: '下次保养', campaignInvitations: '活动邀请', followUpCallsHistory: '回访电话', contactHistory: '联系记录',
    complete: '完整', incomplete: '不完整', overdue: '已逾期', saved: '已保存',
    'class.VIP': 'VIP', 'class.FIRST_CLASS': '一类', 'class.SECOND_CLASS': '二类', 'class.OTHER': '其他',
    'channel.SMS': '短信', 'channel.EMAIL': '电子邮件', 'channel.LETTER': '信函', 'channel.PHONE': '电话',
    serviceTitle: '售后服务', serviceFollowUps: '回访电话（附话术）', dueDate: '到期日', serviceDate: '服务日期', phone: '电话',
    script: '话术', vehiclesDue: '到期保养车辆', dueBefore: '截至', nextDueDate: '下次保养日期', nextDueKm: '下次保养里程',
    lastService: '上次服务', dueRule: '依据', workOrders: '工单', jobType: '作业类型', mileage: '里程', items: '项目',
    total: '金额', campaigns: '活动', recordCall: '记录回访', carUse: '用车情况', newRequests: '新的服务需求',
    complaint: '投诉内容', notReached: '未接通',
    'job.MAINTENANCE': '保养', 'job.REPAIR': '维修', 'job.WARRANTY': '保修', 'job.ACCIDENT': '事故', 'job.OTHER': '其他',
    aftersalesKpis: '售后 KPI（本月）与提醒漏斗', reminded: '已提醒', cameIn: '已回厂', services: '服务台次', revenue: '产值',
    conversion: '回厂率', satisfactionAvg: '平均满意度', classDistribution: '客户等级分布',
    navDashboard: '业绩看板', navDay: '我的今日', navBranch: '门店管理', navCustomers: '客户', navService: '售后服务',
    navEntry: '总部录入', entryTitle: '总部数据录入', targetEntry: '年度目标、任务与月度分解', year: '年份', level: '层级',
    unitId: '单位编号', targetYuan: '目标（元）', taskYuan: '任务（元）',
    weights: '月度权重（12 个数，逗号分隔；留空为平均分解）', weight: '权重', monthOfYear: '月份', marketEntry: '市场总量',
    regionId: '大区编号', allCategories: '全部类别', modelEntry: '车型目录', modelId: '车型编号', brand: '品牌', series: '车系',
    modelName: '车型名称', holidayEntry: '节假日日历', holidaySource: '依据（如国务院通知）',
    holidayDays: '休息日（每行：日期 名称）', workingDays: '调休上班日（空格分隔）', notAmount: '金额格式不正确（例：12345.67）',
    classEntry: '客户分级标准', classVipAmount: 'VIP：12 个月购车金额达到（元）', classVipVehicles: 'VIP：或购车台数达到（0 为不计）',
    classFirstAmount: '一类：12 个月购车金额达到（元）', classFirstVehicles: '一类：或购车台数达到（0 为不计）',
    classSecondAmount: '二类：12 个月购车金额达到（元）', classSecondVehicles: '二类：或购车台数达到（0 为不计）',
    classConfigured: '配置默认值', classEntered: '总部录入', classFrom: '生效日期',
    'category.PASSENGER_CAR': '轿车', 'category.SUV': 'SUV', 'category.MPV': 'MPV', 'category.COMMERCIAL': '商用车',
    'category.TANK_CAR': '罐车', 'category.CHEMICAL_TRUCK': '化工车', 'category.SPRINKLER': '洒水车',
    'category.BULK_CEMENT_TRUCK': '散装水泥车', 'category.OTHER_SPECIAL': '其他专用车',
    navStaff: '人员管理', staffTitle: '销售人员', staffList: '门店销售顾问', staffId: '工号', staffAdd: '新增销售顾问',
    add: '添加', staffLeave: '销售顾问离职（转交客户线索与拜访）', staffLeaving: '离职人员', staffSuccessor: '转交给',
    deactivate: '停用并转交', active: '在职', inactive: '已离职', leaves: '办理离职', staffSaved: '已保存',
    staffHandedOver: '已停用；转交线索 {leads} 条、拜访 {visits} 次，其专属客户随后转给接替人', staffBranch: '门店',
    consultant: '专属顾问', assignConsultant: '指定专属顾问', noConsultant: '未指定',
    vehicleEdit: '修改车辆', editVehicle: '修改', reschedule: '改期', rescheduleVisit: '拜访改期', newPlannedDate: '新的拜访日期',
    rescheduleReason: '改期原因',
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
    branchTitle: 'Branch', morningReport: 'Morning meeting report', meetingDate: 'Meeting date', show: 'Show', print: 'Print',
    covered: 'Covers', salesCount: 'Sales', salesAmount: 'Amount', monthToDate: 'Month to date', lastYearSame: 'same days last year',
    salesOfPeriod: 'Sales of the period', saleDate: 'Date', model: 'Model', segment: 'Segment', amount: 'Amount',
    salespeople: 'Salespeople', status: 'Status', newLeads: 'New leads', salesperson: 'Salesperson', feedback: 'Feedback',
    kind: 'Kind', who: 'By', note: 'Note', dueToday: 'Follow-ups due today', targetsGaps: 'Targets and gaps',
    gapTask: 'Short of task', gapTarget: 'Short of target', fullYear: 'Full year', openComplaints: 'Open complaints',
    raised: 'Raised', satisfaction: 'Satisfaction', campaignCalendar: 'Campaign calendar and slots', campaign: 'Campaign',
    type: 'Type', dates: 'Dates', capacity: 'Slots in all', invited: 'Invited', slotsByDay: 'Workshop slots by day',
    date: 'Date', slots: 'Slots', 'segment.INDIVIDUAL': 'Individual', 'segment.GROUP_COMPANY': 'Group company',
    'segment.GOVERNMENT': 'Government', 'campaign.FREE_TESTING_WEEK': 'Free testing week',
    'campaign.PREFERENTIAL_SERVICE_MONTH': 'Preferential service month', 'campaign.KNOWLEDGE_PARTY': 'Knowledge party',
    'campaign.VIP_TECHNICAL_SEMINAR': 'VIP technical seminar', 'campaign.VIP_RETURN_VISIT': 'VIP return visit',
    customersTitle: 'Customers', search: 'Search', name: 'Name', plate: 'Plate', vin: 'VIN', customerClass: 'Class', all: 'All',
    results: 'Results', fileState: 'File', branch: 'Branch', customerFile: 'Basic information table of the customer file',
    fileId: 'File no.', customerType: 'Customer type', email: 'E-mail', address: 'Address', language: 'Language',
    wantedServices: 'Wanted services (separated by 、 or ,)', notes: 'Notes', vehicles: 'Vehicles', category: 'Category',
    purchaseDate: 'Purchased', visits: 'Visits', consent: 'Consent', consentChannels: 'Channels the customer agreed to',
    customer360: 'Customer 360', purchases: 'Purchases', maintenance: 'Maintenance', nextDue: 'Next service due',
    campaignInvitations: 'Campaign invitations', followUpCallsHistory: 'Follow-up calls', contactHistory: 'Contact history',
    complete: 'complete', incomplete: 'incomplete', overdue: 'overdue', saved: 'Saved',
    'class.VIP': 'VIP', 'class.FIRST_CLASS': 'First class', 'class.SECOND_CLASS': 'Second class', 'class.OTHER': 'Other',
    'channel.SMS': 'SMS', 'channel.EMAIL': 'E-mail', 'channel.LETTER': 'Letter', 'channel.PHONE': 'Phone',
    serviceTitle: 'Service', serviceFollowUps: 'Follow-up calls (with script)', dueDate: 'Due', serviceDate: 'Service date',
    phone: 'Phone', script: 'Script', vehiclesDue: 'Vehicles due for service', dueBefore: 'before', nextDueDate: 'Next due',
    nextDueKm: 'Next due km', lastService: 'Last service', dueRule: 'Rule', workOrders: 'Work orders', jobType: 'Job',
    mileage: 'km', items: 'Items', total: 'Total', campaigns: 'Campaigns', recordCall: 'Record the call',
    carUse: 'Car use', newRequests: 'New requests', complaint: 'Complaint', notReached: 'Not reached',
    'job.MAINTENANCE': 'Maintenance', 'job.REPAIR': 'Repair', 'job.WARRANTY': 'Warranty', 'job.ACCIDENT': 'Accident',
    'job.OTHER': 'Other',
    aftersalesKpis: 'After-sales KPIs (this month) and the reminder funnel', reminded: 'Reminded', cameIn: 'Came in',
    services: 'Services', revenue: 'Revenue', conversion: 'Conversion', satisfactionAvg: 'Avg. satisfaction',
    classDistribution: 'Customer classes',
    navDashboard: 'Dashboard', navDay: 'My day', navBranch: 'Branch', navCustomers: 'Customers', navService: 'Service',
    navEntry: 'HQ entry', entryTitle: 'HQ data entry', targetEntry: 'Annual target, task and monthly split', year: 'Year',
    level: 'Level', unitId: 'Unit id', targetYuan: 'Target (yuan)', taskYuan: 'Task (yuan)',
    weights: 'Monthly weights (12 numbers, comma-separated; empty: even split)', weight: 'Weight', monthOfYear: 'Month',
    marketEntry: 'Market totals', regionId: 'Region id', allCategories: 'All categories', modelEntry: 'Model catalogue',
    modelId: 'Model id', brand: 'Brand', series: 'Series', modelName: 'Model name', holidayEntry: 'Holiday calendar',
    holidaySource: 'Source (e.g. State Council notice)', holidayDays: 'Days off (one per line: date name)',
    workingDays: 'Adjusted working days (space-separated)', notAmount: 'Not an amount (e.g. 12345.67)',
    classEntry: 'Customer class thresholds', classVipAmount: 'VIP: 12-month purchases of at least (yuan)',
    classVipVehicles: 'VIP: or vehicles bought, at least (0: not used)',
    classFirstAmount: 'First class: 12-month purchases of at least (yuan)',
    classFirstVehicles: 'First class: or vehicles bought, at least (0: not used)',
    classSecondAmount: 'Second class: 12-month purchases of at least (yuan)',
    classSecondVehicles: 'Second class: or vehicles bought, at least (0: not used)',
    classConfigured: 'configured default', classEntered: 'entered by HQ', classFrom: 'effective from',
    'category.PASSENGER_CAR': 'Passenger car', 'category.SUV': 'SUV', 'category.MPV': 'MPV', 'category.COMMERCIAL': 'Commercial',
    'category.TANK_CAR': 'Tank car', 'category.CHEMICAL_TRUCK': 'Chemical truck', 'category.SPRINKLER': 'Sprinkler',
    'category.BULK_CEMENT_TRUCK': 'Bulk cement truck', 'category.OTHER_SPECIAL': 'Other special-purpose',
    navStaff: 'Staff', staffTitle: 'Salespeople', staffList: 'Salespeople of the branch', staffId: 'Staff no.',
    staffAdd: 'Add a salesperson', add: 'Add', staffLeave: 'A salesperson leaves (hand over leads and visits)',
    staffLeaving: 'Leaving', staffSuccessor: 'Hand over to', deactivate: 'Deactivate and hand over', active: 'Active',
    inactive: 'Left', leaves: 'Leaves…', staffSaved: 'Saved',
    staffHandedOver: 'Deactivated; {leads} leads and {visits} visits handed over, their customers follow shortly', staffBranch: 'Branch',
    consultant: 'Consultant', assignConsultant: 'Assign the consultant', noConsultant: 'Not assigned',
    vehicleEdit: 'Edit vehicle', editVehicle: 'Edit', reschedule: 'Reschedule', rescheduleVisit: 'Reschedule the visit',
    newPlannedDate: 'New visit date', rescheduleReason: 'Reason for the move',
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
