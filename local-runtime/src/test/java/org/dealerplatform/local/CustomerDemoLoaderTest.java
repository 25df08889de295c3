package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CustomerDemoLoaderTest {

    private static List<Map<String, Object>> all() {
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int b = 0; b < DemoData.BRANCHES.size(); b++) {
            for (int i = 0; i < CustomerDemoLoader.PER_BRANCH; i++) {
                customers.add(CustomerDemoLoader.customer(DemoData.BRANCHES.get(b), b, i));
            }
        }
        return customers;
    }

    @Test
    void customersAreValidAndMobilesAndEmailsUnique() {
        List<Map<String, Object>> customers = all();
        Set<Object> mobiles = new HashSet<>();
        Set<Object> emails = new HashSet<>();

        assertThat(customers).hasSize(100);
        for (Map<String, Object> customer : customers) {
            assertThat((String) customer.get("mobile")).matches("^1[3-9]\\d{9}$");
            assertThat((String) customer.get("email")).matches("^[a-z.]+\\d{2}@example(\\.gov)?\\.cn$");
            assertThat(customer.get("type")).isIn("INDIVIDUAL", "GROUP_COMPANY", "GOVERNMENT");
            assertThat(LocalDate.parse((String) customer.get("firstVisitDate"))).isBefore(LocalDate.now().plusDays(1));
            assertThat((String) customer.get("address")).endsWith("号");
            assertThat(customer.keySet()).containsExactly("branchId", "name", "type", "mobile", "email", "address",
                    "preferredLanguage", "firstVisitDate");
            mobiles.add(customer.get("mobile"));
            emails.add(customer.get("email"));
        }
        assertThat(mobiles).hasSize(100);
        assertThat(emails).hasSize(100);
        assertThat(customers).extracting(c -> c.get("type")).contains("GROUP_COMPANY", "GOVERNMENT");
    }

    @Test
    void isDeterministic() {
        assertThat(CustomerDemoLoader.customer(DemoData.BRANCHES.get(0), 0, 0))
                .isEqualTo(CustomerDemoLoader.customer(DemoData.BRANCHES.get(0), 0, 0))
                .containsEntry("branchId", "JS-NJ-01");
        assertThat((String) CustomerDemoLoader.customer(DemoData.BRANCHES.get(0), 0, 0).get("address"))
                .startsWith("南京市");
    }
}
