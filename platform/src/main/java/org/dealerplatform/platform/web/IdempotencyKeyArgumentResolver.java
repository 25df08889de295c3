package org.dealerplatform.platform.web;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.security.CallerArgumentResolver;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives controllers the request's {@link IdempotencyKey} (REL-7) as a plain parameter, scoped to the caller's token
 * subject; {@code null} when the client sent no {@code Idempotency-Key}, which keeps the behaviour without one.
 */
public class IdempotencyKeyArgumentResolver implements HandlerMethodArgumentResolver {

    private final Clock clock;

    public IdempotencyKeyArgumentResolver(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return IdempotencyKey.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        String key = webRequest.getHeader(IdempotencyKey.HEADER);
        if (key == null) {
            return null;
        }
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Object fingerprint = request == null ? null : request.getAttribute(RequestFingerprintFilter.FINGERPRINT);
        if (fingerprint == null) {
            throw new IllegalStateException("RequestFingerprintFilter did not run for a request with " + IdempotencyKey.HEADER);
        }
        return new IdempotencyKey(CallerArgumentResolver.current().userId(), key, (String) fingerprint, clock.instant());
    }
}
