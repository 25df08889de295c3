package org.dealerplatform.sales.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.rollup.persistence.RollupStore;
import org.dealerplatform.sales.sale.persistence.SaleStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The roll-up consumer against the contract examples of the sale events, as another producer would publish them. */
@ServiceTest
class SaleEventsConsumerTest {

    static final String EXAMPLE_SALE = "0193a1c0-1111-7aaa-8bbb-000000000001";

    @Autowired
    RollupStore rollup;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    Figures figures(Level level, String unit, YearMonth month) {
        return rollup.read(List.of(RollupCell.total(level, unit, month))).values().iterator().next();
    }

    @Test
    @DisplayName("SAL-9 SAL-11 the contract examples of SaleRecorded, SaleCorrected and SaleCancelled update the roll-up; a republished event and an older version change nothing")
    void contractExamplesFeedTheRollup() {
        String sale = UUID.randomUUID().toString();
        String li = "sp-li-" + sale.substring(0, 8);
        String zhao = "sp-zhao-" + sale.substring(0, 8);
        Map<String, String> ids = Map.of(EXAMPLE_SALE, sale, "sp-li", li, "sp-zhao", zhao, "2026-11-20", "2023-11-20");
        YearMonth nov = YearMonth.of(2023, 11);
        TestEvents.publishExample(brokers, SaleStore.TOPIC, "dealer.sales.SaleRecorded.v1", sale, 1, "JS-NJ-01", ids);
        await().atMost(Duration.ofSeconds(20)).until(() -> figures(Level.SALESPERSON, zhao, nov).amountFen() == 10_392_000);
        assertThat(figures(Level.SALESPERSON, li, nov)).isEqualTo(new Figures(15_588_000, 60));

        // the relay publishing version 1 again (a new event record) is ignored
        TestEvents.publishExample(brokers, SaleStore.TOPIC, "dealer.sales.SaleRecorded.v1", sale, 1, "JS-NJ-01", ids);
        TestEvents.publishExample(brokers, SaleStore.TOPIC, "dealer.sales.SaleCorrected.v1", sale, 2, "JS-NJ-01", ids);
        await().atMost(Duration.ofSeconds(20)).until(() -> figures(Level.SALESPERSON, li, nov).amountFen() == 24_980_000);
        assertThat(figures(Level.SALESPERSON, zhao, nov)).isEqualTo(Figures.ZERO);
        TestEvents.publishExample(brokers, SaleStore.TOPIC, "dealer.sales.SaleCancelled.v1", sale, 3, "JS-NJ-01", ids);
        TestEvents.publishExample(brokers, SaleStore.TOPIC, "dealer.sales.SaleCorrected.v1", sale, 2, "JS-NJ-01", ids);
        await().atMost(Duration.ofSeconds(20)).until(() -> figures(Level.SALESPERSON, li, nov).amountFen() == 0);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> figures(Level.SALESPERSON, li, nov).equals(Figures.ZERO));
        assertThat(rollup.applied(sale).orElseThrow().version()).isEqualTo(3);
    }
}
