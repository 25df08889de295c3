package org.dealerplatform.platform.catalogue.messaging;

import java.time.Instant;
import java.util.List;

import org.dealerplatform.platform.catalogue.ModelCatalogueReplica;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;

/** Feeds the {@link ModelCatalogueReplica} from {@code sales.catalogue.events} (SAL-12). */
public class CatalogueEventsListener extends EventsListener {

    public static final String TOPIC = "sales.catalogue.events";

    public CatalogueEventsListener(EventDispatcher dispatcher, ModelCatalogueReplica replica) {
        super(dispatcher.handlers("model-catalogue")
                .on(VehicleModelChanged.class, (m, event) -> replica.modelChanged(m.modelId(), m.brand(), m.series(),
                        m.name(), m.category(), m.aliases(), m.changedAt(), event.aggregateVersion())), TOPIC);
    }

    /** The fields of VehicleModelChanged this service reads (tolerant reader). */
    @EventType("dealer.sales.VehicleModelChanged.v1")
    record VehicleModelChanged(String modelId, String brand, String series, String name, String category,
            List<String> aliases, Instant changedAt) {
    }
}
