package org.dealerplatform.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The people of the demo dealership group who can sign in at the development issuer (UI-1): an HQ analyst and, per
 * demo branch, a manager, the two salespeople the demo sales are booked to (linked by {@code salespersonId}) and a
 * service advisor. Usernames are {@code hq.analyst} and {@code <city>.manager}, {@code <city>.sales1},
 * {@code <city>.sales2}, {@code <city>.advisor} with the city code of the branch id ({@code JS-NJ-01} is {@code nj});
 * every password is {@value #PASSWORD}. Dev only: the issuer exists only in the local runtime.
 */
public final class DemoUsers {

    /** The password of every demo user (local runtime only). */
    public static final String PASSWORD = "demo";

    /** One demo user: what their token says. */
    public record User(String username, String name, List<String> roles, String branchId, String salespersonId) {
    }

    /** Every demo user, HQ first, then branch by branch in {@link DemoData#BRANCHES} order. */
    public static final List<User> ALL = build();

    private DemoUsers() {
    }

    /** The user of this name, if any. */
    public static Optional<User> named(String username) {
        return ALL.stream().filter(user -> user.username().equals(username)).findFirst();
    }

    /** The salesperson record id the sales demo data uses for the {@code n}-th (1-based) salesperson of a branch. */
    static String salespersonId(String branchId, int n) {
        return "sp-" + branchId.toLowerCase(Locale.ROOT) + "-" + n;
    }

    private static List<User> build() {
        List<User> users = new ArrayList<>();
        users.add(new User("hq.analyst", "总部分析师 王芳", List.of("HQ"), null, null));
        String[] salespeople = {"李强", "赵敏"};
        for (DemoData.Branch branch : DemoData.BRANCHES) {
            String city = branch.id().split("-")[1].toLowerCase(Locale.ROOT);
            users.add(new User(city + ".manager", branch.city() + "店总经理", List.of("BRANCH_MANAGER"), branch.id(), null));
            for (int n = 1; n <= salespeople.length; n++) {
                users.add(new User(city + ".sales" + n, branch.city() + "店销售顾问 " + salespeople[n - 1], List.of("SALES"),
                        branch.id(), salespersonId(branch.id(), n)));
            }
            users.add(new User(city + ".advisor", branch.city() + "店服务顾问", List.of("SERVICE_ADVISOR"), branch.id(),
                    null));
        }
        return List.copyOf(users);
    }
}
