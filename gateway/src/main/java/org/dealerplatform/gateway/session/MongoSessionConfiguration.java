package org.dealerplatform.gateway.session;

import java.time.Clock;
import java.time.Duration;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * UI-1: with {@code dealer.gateway.sessions.mongo-uri} set (env {@code DEALER_GATEWAY_SESSIONS_MONGO_URI}) the
 * console's WebSessions live in MongoDB ({@link MongoSessionRepository}, database from the URI, default
 * {@value #DEFAULT_DATABASE}), so gateway instances are interchangeable; without it WebFlux keeps its in-memory store.
 * The cookie is the same as the in-memory store's ({@code server.reactive.session.cookie}): {@code SESSION}, HttpOnly,
 * SameSite=Lax, Secure when the request came over HTTPS.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(MongoSessionConfiguration.UriSet.class)
@EnableSpringWebSession
public class MongoSessionConfiguration {

    static final String DEFAULT_DATABASE = "gateway";

    /** On when the URI has text (application.yml maps an unset variable to an empty value). */
    static final class UriSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("dealer.gateway.sessions.mongo-uri"));
        }
    }

    /** Spring Session's WebSessionManager picks this up; its own default would drop SameSite. */
    @Bean
    WebSessionIdResolver webSessionIdResolver() {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName("SESSION");
        resolver.addCookieInitializer(cookie -> cookie.httpOnly(true).sameSite("Lax"));
        return resolver;
    }

    @Bean(destroyMethod = "close")
    MongoClient sessionMongoClient(@Value("${dealer.gateway.sessions.mongo-uri}") String uri) {
        return MongoClients.create(uri);
    }

    @Bean
    MongoSessionRepository sessionRepository(MongoClient sessionMongoClient,
            @Value("${dealer.gateway.sessions.mongo-uri}") String uri,
            @Value("${server.reactive.session.timeout:30m}") Duration timeout) {
        String database = new ConnectionString(uri).getDatabase();
        MongoSessionRepository repository = new MongoSessionRepository(sessionMongoClient
                .getDatabase(database != null ? database : DEFAULT_DATABASE)
                .getCollection(MongoSessionRepository.COLLECTION, Document.class), timeout, Clock.systemUTC());
        repository.createIndexes();
        return repository;
    }
}
