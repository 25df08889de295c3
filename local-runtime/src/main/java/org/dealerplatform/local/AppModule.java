package org.dealerplatform.local;

import java.util.Arrays;
import java.util.List;

/** The five apps in start order (services first, the gateway last), with their port offset and database. */
enum AppModule {

    CUSTOMER_SERVICE("customer-service", 1, "customers"),
    SALES_SERVICE("sales-service", 2, "sales"),
    AFTERSALES_SERVICE("aftersales-service", 3, "aftersales"),
    NOTIFICATION_SERVICE("notification-service", 4, "notifications"),
    GATEWAY("gateway", 0, null);

    /** Module (and jar) names in start order. */
    static final List<String> NAMES = Arrays.stream(values()).map(AppModule::moduleName).toList();

    private final String moduleName;
    private final int portOffset;
    private final String database;

    AppModule(String moduleName, int portOffset, String database) {
        this.moduleName = moduleName;
        this.portOffset = portOffset;
        this.database = database;
    }

    String moduleName() {
        return moduleName;
    }

    int portOffset() {
        return portOffset;
    }

    /** The MongoDB database the service owns; null for the gateway. */
    String database() {
        return database;
    }

    /** The gateway's environment variable for this service's base URL, e.g. {@code CUSTOMER_SERVICE_URL}. */
    String urlVariable() {
        return name() + "_URL";
    }

    static AppModule of(String moduleName) {
        for (AppModule module : values()) {
            if (module.moduleName.equals(moduleName)) {
                return module;
            }
        }
        throw new IllegalArgumentException("unknown module '" + moduleName + "'; the apps are " + NAMES);
    }
}
