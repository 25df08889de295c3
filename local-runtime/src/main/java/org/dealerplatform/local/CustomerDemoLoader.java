package org.dealerplatform.local;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Demo customers: {@value #PER_BRANCH} per branch, created with {@code POST /api/customers} and that branch's SALES
 * token; names, mobiles and addresses are generated deterministically, so a rerun meets the same records (409).
 */
public final class CustomerDemoLoader implements DemoDataLoader {

    /** Customers per branch. */
    public static final int PER_BRANCH = 20;

    private static final String[][] SURNAMES = {
        {"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"}, {"杨", "yang"},
        {"黄", "huang"}, {"赵", "zhao"}, {"吴", "wu"}, {"周", "zhou"}, {"徐", "xu"}, {"孙", "sun"},
        {"朱", "zhu"}, {"胡", "hu"}, {"郭", "guo"}, {"何", "he"}, {"沈", "shen"}};
    private static final String[][] GIVEN_NAMES = {
        {"伟", "wei"}, {"芳", "fang"}, {"娜", "na"}, {"秀英", "xiuying"}, {"敏", "min"}, {"静", "jing"},
        {"丽", "li"}, {"强", "qiang"}, {"磊", "lei"}, {"军", "jun"}, {"洋", "yang"}, {"勇", "yong"},
        {"艳", "yan"}, {"杰", "jie"}, {"娟", "juan"}, {"涛", "tao"}, {"明", "ming"}, {"超", "chao"},
        {"霞", "xia"}, {"浩然", "haoran"}, {"子涵", "zihan"}, {"欣怡", "xinyi"}, {"梓轩", "zixuan"}};
    /** Per branch (same order as {@link DemoData#BRANCHES}): short city name, mail code, districts. */
    private static final Map<String, String[]> CITY = Map.of(
            "JS-NJ-01", new String[] {"南京", "nj", "鼓楼区", "玄武区", "秦淮区", "建邺区"},
            "JS-SZ-01", new String[] {"苏州", "sz", "姑苏区", "工业园区", "吴中区", "相城区"},
            "JS-WX-01", new String[] {"无锡", "wx", "梁溪区", "滨湖区", "新吴区", "锡山区"},
            "ZJ-HZ-01", new String[] {"杭州", "hz", "西湖区", "上城区", "拱墅区", "滨江区"},
            "ZJ-NB-01", new String[] {"宁波", "nb", "海曙区", "鄞州区", "江北区", "北仑区"});
    private static final String[] STREETS = {"中山路", "人民路", "解放路", "建设路", "和平路", "文化路", "长江路", "新华路"};
    private static final String[] COMPANY_WORDS = {"恒达", "华信", "天成", "永安", "博远", "瑞丰", "鼎盛", "嘉禾"};
    private static final String[] INDUSTRIES = {"物流", "贸易", "科技", "建设", "电子", "医药"};
    private static final String[] AGENCIES = {"交通运输局", "城市管理局", "市场监督管理局", "教育局", "卫生健康委员会"};
    private static final char[] SECOND_DIGITS = {'3', '5', '8', '9', '7'};

    @Override
    public String name() {
        return "customers";
    }

    @Override
    public String load(DemoData.Context context) throws Exception {
        AtomicInteger existing = new AtomicInteger();
        int created = context.perBranch((b, branch) -> {
            String token = context.tokens().token("demo-sales-" + branch.id().toLowerCase(Locale.ROOT), branch.id(),
                    "SALES");
            int branchCreated = 0;
            for (int i = 0; i < PER_BRANCH; i++) {
                Map<String, Object> customer = customer(branch, b, i);
                DemoData.Context.Response response = context.postJson("/api/customers", token, customer);
                if (response.status() == 201) {
                    branchCreated++;
                } else if (response.status() == 409) {
                    existing.incrementAndGet();
                } else {
                    throw new IllegalStateException("POST /api/customers for " + branch.id() + " answered "
                            + response.status() + ": " + abbreviate(response.body()) + " (request: " + customer + ")");
                }
            }
            return branchCreated;
        });
        return created + " customers created, " + existing + " already there";
    }

    /** The {@code i}-th demo customer of the {@code b}-th branch (deterministic). */
    static Map<String, Object> customer(DemoData.Branch branch, int b, int i) {
        String[] city = CITY.get(branch.id());
        String cityName = city[0];
        String mailCode = city[1];
        String district = city[2 + (i + b) % 4];
        String street = STREETS[(i * 3 + b) % STREETS.length];
        int number = 1 + (i * 37 + b * 11) % 300;
        String serial = String.format(Locale.ROOT, "%02d", i + 1);

        String type;
        String name;
        String email;
        if (i % 10 == 3) {
            type = "GROUP_COMPANY";
            name = cityName + COMPANY_WORDS[(i + b) % COMPANY_WORDS.length]
                    + INDUSTRIES[(i / 10 + b) % INDUSTRIES.length] + "有限公司";
            email = "fleet." + mailCode + serial + "@example.cn";
        } else if (i == 9) {
            type = "GOVERNMENT";
            name = branch.city() + district + AGENCIES[b % AGENCIES.length];
            email = "office." + mailCode + serial + "@example.gov.cn";
        } else {
            type = "INDIVIDUAL";
            String[] surname = SURNAMES[(i * 7 + b * 3) % SURNAMES.length];
            String[] given = GIVEN_NAMES[(i * 5 + b * 2) % GIVEN_NAMES.length];
            name = surname[0] + given[0];
            email = surname[1] + "." + given[1] + "." + mailCode + serial + "@example.cn";
        }
        // 1, a second digit 3-9, then digits unique per (branch, index): ^1[3-9]\d{9}$
        String mobile = "1" + SECOND_DIGITS[i % SECOND_DIGITS.length] + ((i * 7 + b) % 10)
                + String.format(Locale.ROOT, "%02d%06d", b + 10, 520_000 + i);
        LocalDate firstVisit = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(3 + (b * 37L + i * 53L) % 720);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("branchId", branch.id());
        body.put("name", name);
        body.put("type", type);
        body.put("mobile", mobile);
        body.put("email", email);
        body.put("address", branch.city() + district + street + number + "号");
        body.put("preferredLanguage", "zh-CN");
        body.put("firstVisitDate", firstVisit.toString());
        return body;
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ");
        return oneLine.length() <= 400 ? oneLine : oneLine.substring(0, 400) + "…";
    }
}
