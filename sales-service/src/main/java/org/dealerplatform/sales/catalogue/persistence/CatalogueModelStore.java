package org.dealerplatform.sales.catalogue.persistence;

import java.util.List;

import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.sales.catalogue.CatalogueModel;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Catalogue models in collection {@code catalogue_models}; events to {@code sales.catalogue.events} (SAL-12). */
@Component
public class CatalogueModelStore extends AggregateStore<CatalogueModel> {

    public static final String COLLECTION = "catalogue_models";
    public static final String TOPIC = "sales.catalogue.events";

    public CatalogueModelStore(OutboxSupport support) {
        super(support, CatalogueModel.class, COLLECTION, TOPIC);
    }

    /** Every model, by brand, series and id (the catalogue is small: a few hundred models). */
    public List<CatalogueModel> all() {
        return mongo().find(new Query().with(Sort.by("brand", "series", "_id")), CatalogueModel.class, COLLECTION);
    }
}
