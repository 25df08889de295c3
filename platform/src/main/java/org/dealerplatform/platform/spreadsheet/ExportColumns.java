package org.dealerplatform.platform.spreadsheet;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The column headers of every CSV and XLSX export and printable report, in one place (ECO-4): a column key (the
 * field name the JSON answer uses) maps to its Chinese and its English label. Exports are Chinese by default and
 * English with {@code lang=en}. A key ending in {@code Fen} holds an amount in fen; the export shows it in yuan with
 * two decimals ({@link #yuan(long)}) and the label says so. Instants are shown in the business zone.
 */
public final class ExportColumns {

    /** The values of the {@code lang} query parameter, as a regular expression for {@code @Pattern}. */
    public static final String LANG_PATTERN = "zh-CN|en";
    public static final String LANG_MESSAGE = "must be zh-CN or en";
    /** The default export language. */
    public static final String DEFAULT_LANG = "zh-CN";
    public static final String LANG_DESCRIPTION = "Language of the column headers: zh-CN (default, Chinese) or en (English); "
            + "amounts are in yuan with two decimals either way (ECO-4)";

    /** The language of an export's headers. */
    public enum Lang {
        ZH_CN, EN;

        /** {@code en} (any case) is English, anything else (null, {@code zh-CN}) Chinese. */
        public static Lang of(String lang) {
            return lang != null && lang.trim().equalsIgnoreCase("en") ? EN : ZH_CN;
        }
    }

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Map<String, String[]> LABELS = new LinkedHashMap<>();

    static {
        // customer files (customer-service)
        label("id", "编号", "ID");
        label("branchId", "门店编号", "Branch ID");
        label("branchName", "门店名称", "Branch");
        label("name", "名称", "Name");
        label("type", "客户类型", "Customer type");
        label("mobile", "手机号码", "Mobile");
        label("email", "电子邮箱", "E-mail");
        label("address", "地址", "Address");
        label("preferredLanguage", "首选语言", "Preferred language");
        label("firstVisitDate", "首次到店日期", "First visit date");
        label("class", "客户等级", "Customer class");
        label("complete", "档案完整", "File complete");
        label("vins", "车架号", "VINs");
        label("plates", "车牌号", "Plates");
        label("registeredAt", "建档时间", "Registered at");
        label("wantedServices", "需求服务", "Wanted services");
        label("notes", "客户备注", "Notes");
        label("vehicle", "车辆（车架号 / 车型 / 车牌 / 购车日期）", "Vehicle (VIN / model / plate / purchase date)");
        label("field", "项目名称", "Field");
        label("value", "填写内容", "Value");
        // sales reports (sales-service)
        label("dimension", "维度", "Dimension");
        label("key", "项目", "Item");
        label("amountFen", "金额（元）", "Amount (yuan)");
        label("units", "台数", "Units");
        label("regionId", "大区", "Region");
        label("segment", "客户类别", "Segment");
        label("category", "车辆类别", "Vehicle category");
        label("month", "月份", "Month");
        label("ownUnits", "本集团台数", "Own units");
        label("marketUnits", "市场台数", "Market units");
        label("sharePercent", "市场占有率（%）", "Market share (%)");
        label("marketMissing", "缺少市场数据", "Market figure missing");
        label("period", "期间", "Period");
        label("from", "开始日期", "From");
        label("to", "结束日期", "To");
        label("previousFrom", "去年同期开始", "Previous from");
        label("previousTo", "去年同期结束", "Previous to");
        label("currentFen", "本期金额（元）", "Current amount (yuan)");
        label("previousFen", "同期金额（元）", "Previous amount (yuan)");
        label("changeFen", "增减金额（元）", "Change (yuan)");
        label("growthPercent", "金额增长率（%）", "Growth (%)");
        label("currentUnits", "本期台数", "Current units");
        label("previousUnits", "同期台数", "Previous units");
        label("unitGrowthPercent", "台数增长率（%）", "Unit growth (%)");
        label("actualFen", "实际销售额（元）", "Actual (yuan)");
        label("taskFen", "任务额（元）", "Task (yuan)");
        label("targetFen", "目标额（元）", "Target (yuan)");
        label("taskAttainmentPercent", "任务完成率（%）", "Task attainment (%)");
        label("targetAttainmentPercent", "目标完成率（%）", "Target attainment (%)");
        label("shortOfTaskFen", "距任务差额（元）", "Short of task (yuan)");
        label("shortOfTargetFen", "距目标差额（元）", "Short of target (yuan)");
        label("source", "线索来源", "Source");
        label("opened", "新增", "Opened");
        label("converted", "已成交", "Converted");
        label("lost", "已流失", "Lost");
        label("open", "跟进中", "Open");
        label("conversionPercent", "成交率（%）", "Conversion (%)");
        label("who", "销售顾问", "Salesperson");
        label("planned", "计划回访", "Planned");
        label("done", "已回访", "Done");
        label("vipPlanned", "VIP计划回访", "VIP planned");
        label("vipDone", "VIP已回访", "VIP done");
        label("donePercent", "完成率（%）", "Done (%)");
        label("section", "栏目", "Section");
        label("what", "内容", "What");
        label("note", "备注", "Note");
    }

    private ExportColumns() {
    }

    private static void label(String key, String zh, String en) {
        if (LABELS.put(key, new String[] {zh, en}) != null) {
            throw new IllegalStateException("export column " + key + " labelled twice");
        }
    }

    /** True if {@code key} has a label in both languages. */
    public static boolean known(String key) {
        return LABELS.containsKey(key);
    }

    /** Every labelled key, in declaration order. */
    public static List<String> keys() {
        return List.copyOf(LABELS.keySet());
    }

    /** The header of column {@code key} in {@code lang}; an unknown key stays as it is. */
    public static String label(String key, Lang lang) {
        String[] labels = LABELS.get(key);
        return labels == null ? key : labels[lang == Lang.EN ? 1 : 0];
    }

    /** The headers of {@code keys} in {@code lang}. */
    public static List<String> labels(List<String> keys, Lang lang) {
        List<String> labels = new ArrayList<>(keys.size());
        keys.forEach(k -> labels.add(label(k, lang)));
        return labels;
    }

    /** The key whose Chinese or English label (or the key itself) is {@code header}; null if none (imports of exports). */
    public static String keyOf(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (LABELS.containsKey(h)) {
            return h;
        }
        for (Map.Entry<String, String[]> e : LABELS.entrySet()) {
            if (e.getValue()[0].equals(h) || e.getValue()[1].equalsIgnoreCase(h)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** True if column {@code key} holds an amount in fen. */
    public static boolean isAmount(String key) {
        return key != null && key.endsWith("Fen");
    }

    /** {@code fen} in yuan with two decimals: 1234567 → 12345.67. */
    public static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    /**
     * The value column {@code key} shows: amounts in fen as yuan with two decimals, instants as a date and time in
     * {@code zone} (the business zone), anything else unchanged. Neutralise text afterwards with {@link SpreadsheetCells}.
     */
    public static Object value(String key, Object value, ZoneId zone) {
        if (isAmount(key) && (value instanceof Long || value instanceof Integer)) {
            return yuan(((Number) value).longValue());
        }
        if (value instanceof Instant instant) {
            return DATE_TIME.format(LocalDateTime.ofInstant(instant, zone));
        }
        return value;
    }
}
