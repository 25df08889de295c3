package org.dealerplatform.test;

import java.util.UUID;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a test context at its own fresh database on the {@link EmbeddedMongo} server ({@code spring.mongodb.uri}). */
public class EmbeddedMongoInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestPropertyValues.of("spring.mongodb.uri=" + EmbeddedMongo.uri(database)).applyTo(context);
    }
}
