package org.dealerplatform.sales.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import org.dealerplatform.platform.outbox.AggregateRoot;
import org.dealerplatform.sales.sale.VehicleCategory;

/**
 * A model as HQ keeps it: an aggregate of its own, so that each change leaves through the outbox as
 * {@link CatalogueEvents.VehicleModelChanged} (SAL-12). It belongs to no branch.
 */
public class CatalogueModel extends AggregateRoot {

    private String brand;
    private String series;
    private String name;
    private VehicleCategory category;
    /** The alias spellings that mean this model, sorted; they travel in the event so replicas resolve as sales does. */
    private List<String> aliases;

    public CatalogueModel(String id, String brand, String series, String name, VehicleCategory category,
            List<String> aliases, long version) {
        super(id, null, version);
        this.brand = brand;
        this.series = series;
        this.name = name;
        this.category = category;
        this.aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** A new model of the catalogue. */
    public static CatalogueModel define(VehicleModel model, Instant now) {
        CatalogueModel defined = new CatalogueModel(model.id(), model.brand(), model.series(), model.name(),
                model.category(), List.of(), 0);
        defined.record(defined.changed(now));
        return defined;
    }

    /**
     * Takes the given alias spellings (the catalogue's alias table is the source); whether they differ from the ones
     * held (then a {@code VehicleModelChanged} is recorded, so replicas learn the new spellings).
     */
    public boolean aliasedAs(List<String> spellings, Instant now) {
        List<String> sorted = List.copyOf(new TreeSet<>(spellings));
        if (sorted.equals(aliases)) {
            return false;
        }
        aliases = sorted;
        record(changed(now));
        return true;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** Takes the given details; whether anything changed (then a {@code VehicleModelChanged} is recorded). */
    public boolean change(VehicleModel model, Instant now) {
        if (model().equals(model)) {
            return false;
        }
        brand = model.brand();
        series = model.series();
        name = model.name();
        category = model.category();
        record(changed(now));
        return true;
    }

    public VehicleModel model() {
        return new VehicleModel(id, brand, series, name, category);
    }

    private CatalogueEvents.VehicleModelChanged changed(Instant now) {
        return new CatalogueEvents.VehicleModelChanged(id, brand, series, name, category, aliases, now);
    }
}
