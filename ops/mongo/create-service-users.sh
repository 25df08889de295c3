#!/bin/bash
# Run once by the mongo image at the first start of an empty data volume (docker-entrypoint-initdb.d), after it has
# created the root user; the image sources this file, so it sets no shell options. SEC-6: each service gets its own
# user with readWrite on its own database only, so a leaked service password exposes one database, not all four.
# Passwords come from the container's environment (.env), never from this file.

create_service_user() {
  # user, database, password (handed to mongosh through the environment, not on its command line)
  SERVICE_USER="$1" SERVICE_DATABASE="$2" SERVICE_PASSWORD="$3" mongosh --quiet \
    -u "$MONGO_INITDB_ROOT_USERNAME" -p "$MONGO_INITDB_ROOT_PASSWORD" --authenticationDatabase admin "$2" --eval '
      const user = process.env.SERVICE_USER, database = process.env.SERVICE_DATABASE;
      if (db.getUser(user) === null) {
        db.createUser({ user: user, pwd: process.env.SERVICE_PASSWORD, roles: [ { role: "readWrite", db: database } ] });
        print("created user " + user + " on " + database);
      }'
}

create_service_user customer-service customers "$MONGO_CUSTOMERS_PASSWORD"
create_service_user sales-service sales "$MONGO_SALES_PASSWORD"
create_service_user aftersales-service aftersales "$MONGO_AFTERSALES_PASSWORD"
create_service_user notification-service notifications "$MONGO_NOTIFICATIONS_PASSWORD"
# UI-1: the gateway keeps the console's sessions in its own database, so gateway instances are interchangeable
create_service_user gateway gateway "$MONGO_GATEWAY_PASSWORD"
