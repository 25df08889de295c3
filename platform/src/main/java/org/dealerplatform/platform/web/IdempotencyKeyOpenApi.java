package org.dealerplatform.platform.web;

import java.util.Arrays;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.web.method.HandlerMethod;

/** Documents the {@code Idempotency-Key} header (REL-7) on every operation whose handler takes an {@link IdempotencyKey}. */
public class IdempotencyKeyOpenApi implements GlobalOperationCustomizer {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(IdempotencyKey.class);
    }

    static final String DESCRIPTION = "Optional (REL-7, IETF draft semantics). A retry with the same key and the same body "
            + "answers as the first request did and records nothing twice; the same key with another body answers 422, and "
            + "while the first request with the key is still being handled, 409. "
            + "Keys are scoped to the caller and kept at least 24 h. Use a new UUID for each new request.";

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        boolean keyed = Arrays.stream(handlerMethod.getMethodParameters())
                .anyMatch(parameter -> IdempotencyKey.class.equals(parameter.getParameterType()));
        boolean documented = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> IdempotencyKey.HEADER.equals(parameter.getName()));
        if (!keyed || documented) {
            return operation;
        }
        operation.addParametersItem(new HeaderParameter().name(IdempotencyKey.HEADER).required(false)
                .description(DESCRIPTION).schema(new StringSchema().maxLength(IdempotencyKey.MAX_LENGTH))
                .example("8e03978e-40d5-43e8-bc93-6894a57f9324"));
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().putIfAbsent("422", new ApiResponse().description(
                "a business rule refused the request, or its Idempotency-Key was already used for another request"));
        operation.getResponses().putIfAbsent("409", new ApiResponse().description(
                "a request with the same Idempotency-Key is still being handled (retry once it has been answered), "
                        + "or the request clashes with existing data"));
        return operation;
    }
}
