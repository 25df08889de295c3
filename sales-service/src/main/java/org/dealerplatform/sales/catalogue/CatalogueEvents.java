package org.dealerplatform.sales.catalogue;

import java.time.Instant;
import java.util.List;

import org.dealerplatform.platform.events.DomainEvent;

/**
 * Events of the model catalogue on {@code sales.catalogue.events} (key = model id), exactly as in contracts/EVENTS.md,
 * so other services can keep a replica of the catalogue (SAL-12).
 */
public sealed interface CatalogueEvents extends DomainEvent {

    /** A catalogue model was added or changed; carries the model's full current details, its alias spellings too. */
    record VehicleModelChanged(String modelId, String brand, String series, String name,
            org.dealerplatform.sales.sale.VehicleCategory category, List<String> aliases, Instant changedAt) implements CatalogueEvents {
    }
}
