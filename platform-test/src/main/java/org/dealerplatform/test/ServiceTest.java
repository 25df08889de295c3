package org.dealerplatform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * A service integration test against a real KRaft broker and the embedded MongoDB-wire server, with the test issuer's
 * key ({@link TestIssuer}). Keep the configuration of test classes identical so that Spring caches one context (and
 * one broker) per module.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(properties = {
        "dealer.outbox.poll-interval=500ms",
        "dealer.outbox.lease-ttl=3s",
        "dealer.consumer.transient-retry.initial=50ms",
        "dealer.consumer.transient-retry.max=200ms",
        "spring.kafka.consumer.auto-offset-reset=earliest",
        "spring.kafka.consumer.properties[metadata.max.age.ms]=1000"})
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = EmbeddedMongoInitializer.class)
@Import({TestIssuer.class, AnsweredStatuses.class})
public @interface ServiceTest {
}
