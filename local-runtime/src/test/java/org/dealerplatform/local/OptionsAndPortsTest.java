package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptionsAndPortsTest {

    @Test
    void defaultBasePortKeepsTheStandardInfrastructurePorts() {
        PortPlan plan = PortPlan.of(8080, 0, 0);

        assertThat(plan.app(AppModule.GATEWAY)).isEqualTo(8080);
        assertThat(plan.app(AppModule.CUSTOMER_SERVICE)).isEqualTo(8081);
        assertThat(plan.app(AppModule.SALES_SERVICE)).isEqualTo(8082);
        assertThat(plan.app(AppModule.AFTERSALES_SERVICE)).isEqualTo(8083);
        assertThat(plan.app(AppModule.NOTIFICATION_SERVICE)).isEqualTo(8084);
        assertThat(plan.mongo()).isEqualTo(27017);
        assertThat(plan.kafka()).isEqualTo(9092);
        assertThat(plan.controller()).isEqualTo(9093);
        assertThat(plan.issuer()).isEqualTo(8088);
    }

    @Test
    void anotherBasePortMovesEverything() {
        PortPlan plan = PortPlan.of(18080, 0, 0);

        assertThat(plan.app(AppModule.GATEWAY)).isEqualTo(18080);
        assertThat(plan.app(AppModule.NOTIFICATION_SERVICE)).isEqualTo(18084);
        assertThat(List.of(plan.mongo(), plan.kafka(), plan.controller())).containsExactly(18085, 18086, 18087);
        assertThat(plan.issuer()).isEqualTo(18088);
    }

    @Test
    void basePortZeroPicksDistinctFreePorts() {
        PortPlan plan = PortPlan.of(0, 0, 0);
        Set<Integer> ports = new HashSet<>(plan.apps().values());
        ports.addAll(List.of(plan.mongo(), plan.kafka(), plan.controller(), plan.issuer()));

        assertThat(ports).hasSize(9).allMatch(port -> port >= PortPlan.FREE_PORTS_FROM)
                .as("below the ephemeral range, where outbound connections cannot take them").allMatch(port -> port < PortPlan.ephemeralLow());
    }

    @Test
    void explicitInfrastructurePortsWin() {
        PortPlan plan = PortPlan.of(8080, 27018, 19092);

        assertThat(List.of(plan.mongo(), plan.kafka(), plan.controller())).containsExactly(27018, 19092, 19093);
    }

    @Test
    void parsesTheCommandLine() {
        LocalPlatform.Options options = LocalPlatform.parse(new String[] {"--base-port", "9080", "--data-dir=/tmp/x",
            "--no-demo-data", "--fresh", "--apps", "gateway,customer-service"}, LocalPlatform.Options.defaults());

        assertThat(options.basePort()).isEqualTo(9080);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.demoData()).isFalse();
        assertThat(options.fresh()).isTrue();
        assertThat(options.appsToStart()).containsExactly("customer-service", "gateway"); // platform order
        assertThat(LocalPlatform.parse(new String[] {"--help"}, LocalPlatform.Options.defaults())).isNull();
        assertThatThrownBy(() -> LocalPlatform.parse(new String[] {"--bogus"}, LocalPlatform.Options.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalPlatform.Options.defaults().appsToStart(List.of("billing-service")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("billing-service");
    }

    @Test
    void environmentSetsDataDirAndPorts() {
        LocalPlatform.Options options = LocalPlatform.Options.fromEnvironment(Map.of("DEALER_DATA_DIR", "/tmp/dd",
                "DEALER_MONGO_PORT", "27999", "DEALER_KAFKA_PORT", "19999"));

        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/dd"));
        assertThat(options.mongoPort()).isEqualTo(27999);
        assertThat(options.kafkaPort()).isEqualTo(19999);
        assertThat(options.basePort()).isEqualTo(8080);
    }

    @Test
    void findsTheRepoRootFromTheModuleDirectory() {
        // surefire runs in local-runtime/, one level below the root pom and gateway/
        Path root = LocalPlatform.Options.defaults().resolveRepoRoot();

        assertThat(root.resolve("pom.xml")).exists();
        assertThat(root.resolve("gateway")).isDirectory();
        assertThat(root.resolve("local-runtime")).isDirectory();
    }
}
