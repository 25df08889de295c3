package org.dealerplatform.platform.catalogue;

import org.dealerplatform.platform.catalogue.messaging.CatalogueEventsListener;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A replica of HQ's vehicle model catalogue for a service that resolves models in its commands (SAL-12): import it
 * and list {@code sales.catalogue.events} under {@code dealer.kafka.consumes}. One replica for every such service,
 * so the resolving rule (id, else alias) cannot drift between them.
 */
@Configuration(proxyBeanMethods = false)
public class ModelCatalogueReplication {

    @Bean
    ModelCatalogueReplica modelCatalogueReplica(IdempotentWrites writes, MongoTemplate mongo) {
        return new ModelCatalogueReplica(writes, mongo);
    }

    @Bean
    CatalogueEventsListener catalogueEventsListener(EventDispatcher dispatcher, ModelCatalogueReplica replica) {
        return new CatalogueEventsListener(dispatcher, replica);
    }
}
