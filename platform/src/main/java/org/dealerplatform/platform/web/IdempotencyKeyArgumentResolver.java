package org.dealerplatform.platform.web;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    /** The (subject, key) pairs of requests this instance is handling right now (REL-7: a second one answers 409). */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

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
        if (fingerprint instanceof java.util.function.Supplier<?> streamed) {
            fingerprint = streamed.get(); // a streamed body (SEC-3): digested as it was read, known now
        }
        if (fingerprint == null) {
            throw new IllegalStateException("RequestFingerprintFilter did not run for a request with " + IdempotencyKey.HEADER);
        }
        IdempotencyKey idempotencyKey = new IdempotencyKey(CallerArgumentResolver.current().userId(), key,
                (String) fingerprint, clock.instant());
        // REL-7 (IETF draft): while the first request with a key is still being handled, a second one answers 409
        String claim = idempotencyKey.subject() + "\n" + key;
        if (!inFlight.add(claim)) {
            throw new ConflictException("a request with " + IdempotencyKey.HEADER + " " + key
                    + " is still being handled; retry when it has been answered", null);
        }
        // released by RequestFingerprintFilter once the answer is written
        request.setAttribute(RequestFingerprintFilter.RELEASE, (Runnable) () -> inFlight.remove(claim));
        return idempotencyKey;
    }
}
