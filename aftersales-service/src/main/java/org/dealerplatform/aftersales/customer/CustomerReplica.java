package org.dealerplatform.aftersales.customer;

import java.time.LocalDate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.application.ServicedVehicles;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Local replica of customer files, built from customer-service events: who owns a vehicle, how to address them and
 * their class (AFT-4 audiences). Applies a change only if it is newer than what the replica holds (aggregate version),
 * so redelivered and replayed events change nothing. The vehicle events of the same topic go to the serviced vehicles
 * (one listener per topic, so that the consumer group's partitions are not split between two listeners).
 */
@Component
public class CustomerReplica {

    public static final String COLLECTION = "customers";
    static final String TOPIC = "customers.customer.events";

    private final EventReader reader;
    private final IdempotentWrites writes;
    private final ServicedVehicles vehicles;

    public CustomerReplica(EventReader reader, IdempotentWrites writes, ServicedVehicles vehicles) {
        this.reader = reader;
        this.writes = writes;
        this.vehicles = vehicles;
    }

    /** The fields of {@code dealer.customers.CustomerRegistered.v1} this service reads (tolerant reader). */
    record CustomerRegistered(String customerId, String branchId, String name, String mobile, String preferredLanguage) {
    }

    /** The fields of {@code dealer.customers.CustomerClassified.v1} this service reads. */
    record CustomerClassified(String customerId, String branchId, String newClass) {
    }

    /** The fields of {@code dealer.customers.VehicleRegistered.v1} this service reads. */
    record VehicleRegistered(String customerId, String branchId, Vehicle vehicle, LocalDate purchaseDate) {
    }

    /** The vehicle inside VehicleRegistered. */
    record Vehicle(String vin, String model, String category, String plate) {
    }

    /** The fields of {@code dealer.customers.VehicleOwnershipTransferred.v1} this service reads. */
    record VehicleOwnershipTransferred(String vin, String fromCustomerId, String toCustomerId, String branchId,
            LocalDate transferDate) {
    }

    /** The fields of {@code dealer.customers.CustomersMerged.v1} this service reads. */
    record CustomersMerged(String survivingCustomerId, String mergedCustomerId) {
    }

    @KafkaListener(topics = TOPIC)
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = reader.read(record);
        try (EventContext.Scope scope = event.open()) {
            switch (event.type()) {
                case "dealer.customers.CustomerRegistered.v1" -> {
                    CustomerRegistered registered = reader.data(event, CustomerRegistered.class);
                    writes.applyIfNewer(COLLECTION, registered.customerId(), "version", event.aggregateVersion(), new Update()
                            .set("branchId", registered.branchId())
                            .set("name", registered.name())
                            .set("mobile", registered.mobile())
                            .set("preferredLanguage", registered.preferredLanguage()));
                }
                case "dealer.customers.CustomerClassified.v1" -> {
                    CustomerClassified classified = reader.data(event, CustomerClassified.class);
                    // its own high-water mark: a class must not be lost to a contact update of a higher version
                    writes.applyIfNewer(COLLECTION, classified.customerId(), "classVersion", event.aggregateVersion(),
                            new Update().set("customerClass", classified.newClass())
                                    .setOnInsert("branchId", classified.branchId()));
                }
                case "dealer.customers.VehicleRegistered.v1" -> {
                    VehicleRegistered registered = reader.data(event, VehicleRegistered.class);
                    Vehicle vehicle = registered.vehicle();
                    vehicles.registered("evt:" + event.id(), vehicle.vin(), registered.branchId(), registered.customerId(),
                            vehicle.model(), VehicleCategory.parse(vehicle.category()), vehicle.plate(),
                            registered.purchaseDate());
                }
                case "dealer.customers.VehicleOwnershipTransferred.v1" -> {
                    VehicleOwnershipTransferred transfer = reader.data(event, VehicleOwnershipTransferred.class);
                    vehicles.transferred("evt:" + event.id(), transfer.vin(), transfer.branchId(), transfer.toCustomerId(),
                            transfer.transferDate());
                }
                case "dealer.customers.CustomersMerged.v1" -> {
                    CustomersMerged merged = reader.data(event, CustomersMerged.class);
                    vehicles.customersMerged(merged.mergedCustomerId(), merged.survivingCustomerId());
                }
                default -> {
                    // other customer events are not needed here
                }
            }
        }
    }
}
