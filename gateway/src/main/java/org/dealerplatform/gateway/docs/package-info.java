/**
 * The platform's API page (ECO-3): springdoc's Swagger UI lists the four services' OpenAPI documents as the gateway
 * routes them (configured in {@code application.yml}, {@code springdoc.swagger-ui.urls}), and
 * {@link org.dealerplatform.gateway.docs.AsyncApiController} serves the events' AsyncAPI document next to it. All of it
 * is under {@code /docs/**}, which {@code SecurityConfiguration} opens anonymously in profile {@code local} only (SEC-6).
 */
package org.dealerplatform.gateway.docs;
