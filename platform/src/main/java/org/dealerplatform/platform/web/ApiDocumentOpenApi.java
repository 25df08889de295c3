package org.dealerplatform.platform.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.dealerplatform.platform.security.Caller;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * What every service's OpenAPI document says the same way (issue 12), in one place instead of four copies: the bearer
 * token scheme, the gateway as the server, the RFC 9457 {@code Problem} answers every operation can give (400, 401,
 * 403, 404 on a path with a variable, 413 with a body, 429 from the gateway's rate limiter, 500), the gateway's
 * rate-limit headers, and bounds on the strings, integers and arrays of <em>response-only</em> schemas.
 * <p>
 * Request schemas and parameters get no invented bounds here: their limits come from the Bean Validation constraints
 * the services enforce (springdoc maps {@code @Size}, {@code @Min}, {@code @Max}, {@code @Pattern}), so the document
 * and the code agree. What is only ever answered is bounded by {@link #RESPONSE_TEXT_MAX_LENGTH} and
 * {@link #RESPONSE_MAX_ITEMS}, integers by their Java type; those describe the answers, they check nothing.
 */
public class ApiDocumentOpenApi implements GlobalOpenApiCustomizer, GlobalOperationCustomizer {

    static {
        // the caller is built from the verified token (CallerArgumentResolver), never read from the request
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    public static final String BEARER = "bearer";
    public static final String PROBLEM = "Problem";
    static final String FIELD_PROBLEM = "FieldProblem";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** The gateway's rate-limit headers (GW-3): the bucket size, what is left of it, and the wait after a 429. */
    public static final String LIMIT_HEADER = "X-RateLimit-Limit";
    public static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    public static final String RETRY_AFTER_HEADER = "Retry-After";

    /** Longest text a response-only string is documented with: above every request limit the services enforce. */
    public static final int RESPONSE_TEXT_MAX_LENGTH = 10_000;
    /** Most items a response-only array is documented with (pages are at most 200; lists of a record are shorter). */
    public static final int RESPONSE_MAX_ITEMS = 10_000;

    /** Prefix of the shared problem examples in {@code components.examples}: {@code Problem400}, {@code Problem404}, ... */
    public static final String PROBLEM_EXAMPLE = "Problem";
    /** The media-level name under which every error answer refers to its shared example. */
    static final String PROBLEM_EXAMPLE_NAME = "problem";

    private static final org.springframework.util.PathMatcher PATHS = new org.springframework.util.AntPathMatcher();

    private final String service;
    private final List<JsonBodyLimitFilter.PathLimit> bodyLimits;

    /**
     * @param service    the application's name, the document's title
     * @param bodyLimits the paths whose bodies {@link JsonBodyLimitFilter} bounds at their own size (the CSV imports,
     *                   the provider webhooks): a body that is one string (a file, a raw payload) is documented with it
     */
    public ApiDocumentOpenApi(String service, List<JsonBodyLimitFilter.PathLimit> bodyLimits) {
        this.service = service;
        this.bodyLimits = List.copyOf(bodyLimits);
    }

    /**
     * A body that is a list ({@code @RequestBody @Size(max = n) List<...>}): springdoc does not carry the parameter's
     * {@code @Size} over to the body's schema, so its {@code maxItems} is set here from the same annotation the
     * service's method validation enforces.
     */
    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return operation;
        }
        for (MethodParameter parameter : handlerMethod.getMethodParameters()) {
            jakarta.validation.constraints.Size size = parameter.getParameterAnnotation(jakarta.validation.constraints.Size.class);
            if (parameter.hasParameterAnnotation(RequestBody.class) && size != null) {
                operation.getRequestBody().getContent().values().forEach(media -> {
                    Schema<?> schema = media.getSchema();
                    if (schema != null && isType(schema, "array")) {
                        schema.setMaxItems(size.max());
                        if (size.min() > 0) {
                            schema.setMinItems(size.min());
                        }
                    }
                });
            }
        }
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        describe(openApi);
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        addShared(components);
        Set<String> requestSchemas = requestSchemas(openApi);
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                boundRequest(path, operation);
                addErrorAnswers(path, operation);
                addRateLimitHeaders(operation);
                boundResponses(operation);
            }));
        }
        if (components.getSchemas() != null) {
            components.getSchemas().forEach((name, schema) -> {
                if (requestSchemas.contains(name)) {
                    boundByType(schema);
                } else {
                    bound(schema);
                }
            });
        }
        addProblemExamples(openApi, components);
        defineTags(openApi);
    }

    /**
     * ECO-3: every documented error answer ({@code application/problem+json}) shows an example: one shared RFC 9457
     * example per status in {@code components.examples} ({@code Problem404} ...), referred to by every operation's
     * answer of that status that brings no example of its own.
     */
    static void addProblemExamples(OpenAPI openApi, Components components) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getResponses() == null) {
                return;
            }
            operation.getResponses().forEach((status, response) -> {
                if (response.getContent() == null || !(status.startsWith("4") || status.startsWith("5"))) {
                    return;
                }
                MediaType media = response.getContent().get(PROBLEM_JSON);
                if (media == null || media.getExample() != null
                        || (media.getExamples() != null && !media.getExamples().isEmpty())) {
                    return;
                }
                String name = PROBLEM_EXAMPLE + status;
                if (components.getExamples() == null || !components.getExamples().containsKey(name)) {
                    components.addExamples(name, problemExample(status));
                }
                media.addExamples(PROBLEM_EXAMPLE_NAME, new Example().$ref("#/components/examples/" + name));
            });
        }));
    }

    /** The shared example of a problem answer of {@code status}, as the services and the gateway write them. */
    static Example problemExample(String status) {
        int code = Integer.parseInt(status);
        org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(code);
        Map<String, Object> problem = new LinkedHashMap<>();
        String detail = switch (code) {
            case 400 -> "Invalid request content.";
            case 401 -> "A bearer token is required";
            case 403 -> "Your role may not do this";
            case 404 -> "No customer 0193a4b2-7c1e-7d3f-9a41-5be8f0c2d917";
            case 409 -> "The record was changed meanwhile: read it again and retry";
            case 413 -> "The request body is larger than 65536 bytes";
            case 422 -> "This Idempotency-Key was used with a different request";
            case 429 -> "Too many requests, try again in 5 s";
            case 500 -> "An unexpected failure; quote the correlation id to support";
            case 503 -> "sales-service is unavailable, try again shortly";
            default -> known != null ? known.getReasonPhrase() : "The request failed";
        };
        // the gateway answers 429 (and 503/504 for a service) itself, with its own problem types
        problem.put("type", code == 429 ? "https://dealerplatform.org/problems/rate-limited" : "about:blank");
        problem.put("title", known != null ? known.getReasonPhrase() : "Error");
        problem.put("status", code);
        problem.put("detail", detail);
        problem.put("instance", code == 404 ? "/api/customers/0193a4b2-7c1e-7d3f-9a41-5be8f0c2d917" : "/api/customers");
        problem.put("correlationId", "8e03978e-40d5-43e8-bc93-6894a57f9324");
        if (code == 400) {
            problem.put("errors", List.of(Map.of("field", "mobile", "message", "must be a mainland mobile number")));
        }
        return new Example().summary((known != null ? known.getReasonPhrase() : "Error") + " (RFC 9457 problem details)")
                .value(problem);
    }

    private void describe(OpenAPI openApi) {
        openApi.setInfo(new Info().title(service).version("v1")
                .description("The " + service + " API of the dealer platform, reached through the gateway. Every "
                        + "request needs a bearer token; errors are RFC 9457 problem details (application/problem+json) "
                        + "with field errors; the gateway limits each client's request rate (X-RateLimit-* headers, 429 "
                        + "with Retry-After).")
                .contact(new Contact().name("Dealer platform team")));
        openApi.setServers(List.of(new Server().url("/")
                .description("The gateway of the environment this document is read from (local, staging or production)")
                .extensions(new LinkedHashMap<>(Map.of("x-internal", true)))));
        openApi.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
    }

    private static void addShared(Components components) {
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT")
                .description("An access token of the platform's issuer (SEC-1), signed RS256 or ES256 and checked as "
                        + "RFC8725 recommends: an allow-listed algorithm, the issuer, the audience, an expiry (exp), "
                        + "known roles and, for branch roles, a branch."));
        components.addSchemas(FIELD_PROBLEM, new ObjectSchema()
                .addProperty("field", text(200).description("the request field, parameter or path that failed"))
                .addProperty("message", text(1000).description("what is wrong with it")));
        components.addSchemas(PROBLEM, new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").maxLength(2000))
                .addProperty("title", text(200))
                .addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(100))
                        .maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", text(RESPONSE_TEXT_MAX_LENGTH))
                .addProperty("instance", new StringSchema().format("uri-reference").maxLength(2000))
                .addProperty("correlationId", text(100).description("the id to quote to support; found in every log line"))
                .addProperty("errors", new ArraySchema().maxItems(RESPONSE_MAX_ITEMS)
                        .items(new Schema<>().$ref(ref(FIELD_PROBLEM))).description("field errors of a 400")));
        components.addHeaders(LIMIT_HEADER, new Header().schema(count())
                .description("Set by the gateway (GW-3) on the requests it counted: the client's burst, the most "
                        + "requests it may send at once"));
        components.addHeaders(REMAINING_HEADER, new Header().schema(count())
                .description("Set by the gateway (GW-3) on the requests it counted: requests left in the client's bucket"));
        components.addHeaders(RETRY_AFTER_HEADER, new Header().schema(count())
                .description("Seconds to wait before the next request"));
    }

    private static void addErrorAnswers(String path, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        responses.putIfAbsent("400", problem("The request is malformed or fails validation: problem details with "
                + "errors[{field, message}]"));
        responses.putIfAbsent("401", problem("No bearer token, or one that is expired, forged or not of this platform"));
        responses.putIfAbsent("403", problem("The caller's role may not do this"));
        if (path.contains("{")) {
            responses.putIfAbsent("404", problem("Not found, or another branch's (never told apart)"));
        }
        if (operation.getRequestBody() != null) {
            responses.putIfAbsent("413", problem("The request body is larger than the service accepts"));
        }
        ApiResponse tooMany = problem("The client sent more requests than its rate limit allows (set by the gateway)");
        tooMany.addHeaderObject(RETRY_AFTER_HEADER, new Header().$ref(RETRY_AFTER_HEADER));
        responses.putIfAbsent("429", tooMany);
        responses.putIfAbsent("500", problem("An unexpected failure: only the correlation id, never a stack trace"));
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                if (response.getContent() == null || response.getContent().isEmpty()) {
                    response.setContent(problemContent());
                }
            }
        });
    }

    private static void addRateLimitHeaders(Operation operation) {
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") || status.startsWith("4")) {
                response.addHeaderObject(LIMIT_HEADER, new Header().$ref(LIMIT_HEADER));
                response.addHeaderObject(REMAINING_HEADER, new Header().$ref(REMAINING_HEADER));
            }
        });
    }

    private static void boundResponses(Operation operation) {
        operation.getResponses().values().forEach(response -> {
            if (response.getContent() != null) {
                response.getContent().values().forEach(media -> bound(media.getSchema()));
            }
        });
    }

    private static void defineTags(OpenAPI openApi) {
        Set<String> defined = new HashSet<>();
        if (openApi.getTags() != null) {
            openApi.getTags().forEach(tag -> defined.add(tag.getName()));
        }
        Set<String> used = new TreeSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getTags() != null) {
                    used.addAll(operation.getTags());
                }
            }));
        }
        used.removeAll(defined);
        used.forEach(name -> openApi.addTagsItem(new Tag().name(name)));
    }

    /**
     * What a request can send is bounded by the code: path and query strings by {@link ControlCharacterFilter}'s
     * {@link ControlCharacterFilter#MAX_PARAMETER_LENGTH} unless a constraint says less, a body that is one string
     * (a CSV file, a raw webhook payload) by the path's body limit, dates and integers by their types.
     */
    private void boundRequest(String path, Operation operation) {
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                Schema<?> schema = parameter.getSchema();
                if (schema == null || schema.get$ref() != null) {
                    continue;
                }
                if (("path".equals(parameter.getIn()) || "query".equals(parameter.getIn()))) {
                    Schema<?> text = isType(schema, "array") && schema.getItems() != null ? schema.getItems() : schema;
                    if (isType(text, "string") && text.getMaxLength() == null && text.getEnum() == null) {
                        text.setMaxLength(ControlCharacterFilter.MAX_PARAMETER_LENGTH);
                    }
                }
                boundByType(schema);
            }
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            Long limit = bodyLimits.stream().filter(bodyLimit -> PATHS.match(bodyLimit.path(), path)).findFirst()
                    .map(JsonBodyLimitFilter.PathLimit::maxBytes).orElse(null);
            for (MediaType media : operation.getRequestBody().getContent().values()) {
                Schema<?> schema = media.getSchema();
                if (schema == null || schema.get$ref() != null) {
                    continue;
                }
                List<Schema<?>> strings = new ArrayList<>(List.of(schema));
                strings.addAll(children(schema));
                for (Schema<?> text : strings) {
                    if (limit != null && isType(text, "string") && text.getMaxLength() == null) {
                        text.setMaxLength((int) Math.min(Integer.MAX_VALUE, limit));
                    }
                }
                boundByType(schema);
            }
        }
    }

    /** Bounds only what a type enforces: ISO dates and times by their length, integers by their Java range. */
    static void boundByType(Schema<?> schema) {
        if (schema == null || schema.get$ref() != null) {
            return;
        }
        if (isType(schema, "string") && schema.getMaxLength() == null && schema.getEnum() == null
                && ("date".equals(schema.getFormat()) || "date-time".equals(schema.getFormat()))) {
            schema.setMaxLength(maxLengthOf(schema.getFormat()));
        }
        boundInteger(schema);
        children(schema).forEach(ApiDocumentOpenApi::boundByType);
    }

    private static void boundInteger(Schema<?> schema) {
        if (isType(schema, "integer")) {
            boolean int32 = "int32".equals(schema.getFormat());
            if (schema.getMinimum() == null && schema.getExclusiveMinimumValue() == null) {
                schema.setMinimum(java.math.BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE));
            }
            if (schema.getMaximum() == null && schema.getExclusiveMaximumValue() == null) {
                schema.setMaximum(java.math.BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE));
            }
        }
    }

    /** Names of the component schemas a request body or a parameter reaches: their bounds come from the code. */
    static Set<String> requestSchemas(OpenAPI openApi) {
        Set<String> names = new HashSet<>();
        List<Schema<?>> pending = new ArrayList<>();
        if (openApi.getPaths() != null) {
            for (PathItem item : openApi.getPaths().values()) {
                List<Parameter> parameters = new ArrayList<>();
                if (item.getParameters() != null) {
                    parameters.addAll(item.getParameters());
                }
                for (Operation operation : item.readOperations()) {
                    if (operation.getParameters() != null) {
                        parameters.addAll(operation.getParameters());
                    }
                    if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                        operation.getRequestBody().getContent().values().stream().map(MediaType::getSchema)
                                .forEach(schema -> pending.add(schema));
                    }
                }
                parameters.forEach(parameter -> pending.add(parameter.getSchema()));
            }
        }
        Map<String, Schema> schemas = openApi.getComponents() == null || openApi.getComponents().getSchemas() == null
                ? Map.of() : openApi.getComponents().getSchemas();
        while (!pending.isEmpty()) {
            Schema<?> schema = pending.remove(pending.size() - 1);
            if (schema == null) {
                continue;
            }
            if (schema.get$ref() != null) {
                String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
                if (names.add(name) && schemas.get(name) != null) {
                    pending.add(schemas.get(name));
                }
                continue;
            }
            children(schema).forEach(pending::add);
        }
        return names;
    }

    /** Bounds what a response-only schema leaves unbounded; {@code $ref}s are bounded where they are defined. */
    static void bound(Schema<?> schema) {
        if (schema == null || schema.get$ref() != null) {
            return;
        }
        if (isType(schema, "string") && schema.getMaxLength() == null && schema.getEnum() == null
                && schema.getConst() == null) {
            schema.setMaxLength(maxLengthOf(schema.getFormat()));
        }
        boundInteger(schema);
        if (isType(schema, "array") && schema.getMaxItems() == null) {
            schema.setMaxItems(RESPONSE_MAX_ITEMS);
        }
        children(schema).forEach(ApiDocumentOpenApi::bound);
    }

    private static int maxLengthOf(String format) {
        if (format == null) {
            return RESPONSE_TEXT_MAX_LENGTH;
        }
        return switch (format) {
            case "date" -> 10;              // 2026-12-02
            case "date-time" -> 35;         // 2026-12-02T10:23:28.123456789+08:00
            case "uuid" -> 36;
            case "email" -> 254;            // RFC 5321 path limit
            case "uri", "uri-reference" -> 2000;
            default -> RESPONSE_TEXT_MAX_LENGTH;
        };
    }

    private static boolean isType(Schema<?> schema, String type) {
        return type.equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains(type));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<Schema<?>> children(Schema<?> schema) {
        List<Schema<?>> children = new ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll((java.util.Collection) schema.getProperties().values());
        }
        if (schema.getItems() != null) {
            children.add(schema.getItems());
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            children.add(values);
        }
        for (List<Schema> group : new List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
            if (group != null) {
                group.forEach(child -> children.add((Schema<?>) child));
            }
        }
        return children;
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(ref(PROBLEM))));
    }

    private static String ref(String schema) {
        return "#/components/schemas/" + schema;
    }

    private static StringSchema text(int maxLength) {
        return (StringSchema) new StringSchema().maxLength(maxLength);
    }

    private static IntegerSchema count() {
        return (IntegerSchema) new IntegerSchema().minimum(java.math.BigDecimal.ZERO)
                .maximum(java.math.BigDecimal.valueOf(Integer.MAX_VALUE));
    }
}
