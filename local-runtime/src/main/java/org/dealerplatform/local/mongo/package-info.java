/** The embedded MongoDB-wire server's storage: mongo-java-server's H2 backend with BSON-typed maps (issue 10). */
package org.dealerplatform.local.mongo;
