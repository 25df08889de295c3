package org.dealerplatform.platform.catalogue.messaging;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.platform.catalogue.ModelCatalogueReplica;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventHandlers;
import org.dealerplatform.platform.consumer.EventType;
import org.springframework.kafka.annotation.KafkaListener;

/** Feeds the {@link ModelCatalogueReplica} from {@code sales.catalogue.events} (SAL-12). */
public class CatalogueEventsListener {

    public static final String TOPIC = "sales.catalogue.events";

    private final EventHandlers handlers;

    public CatalogueEventsListener(EventDispatcher dispatcher, ModelCatalogueReplica replica) {
        this.handlers = dispatcher.handlers("model-catalogue")
                .on(VehicleModelChanged.class, (m, event) -> replica.modelChanged(m.modelId(), m.brand(), m.series(),
                        m.name(), m.category(), m.aliases(), m.changedAt(), event.aggregateVersion()))
                .build();
    }

    /** The fields of VehicleModelChanged this service reads (tolerant reader). */
    @EventType("dealer.sales.VehicleModelChanged.v1")
    record VehicleModelChanged(String modelId, String brand, String series, String name, String category,
            List<String> aliases, Instant changedAt) {
    }

    @KafkaListener(topics = TOPIC)
    void on(List<ConsumerRecord<String, byte[]>> batch) {
        handlers.dispatch(batch);
    }
}
