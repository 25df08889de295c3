package org.dealerplatform.platform.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import org.dealerplatform.platform.jobs.SpooledCsv;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.server.ResponseStatusException;

/**
 * SEC-3: a controller parameter of type {@link SpooledCsv} is the request body streamed to a temporary file, never
 * held in memory. Declare it before an {@code IdempotencyKey} parameter: the key's fingerprint is the digest of the
 * body as it streamed through ({@link RequestFingerprintFilter}). A body over the path's limit
 * ({@link JsonBodyLimitFilter}) stops being read at the limit and is a 413 problem.
 */
public class SpooledCsvArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return SpooledCsv.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws IOException {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request == null) {
            throw new IllegalStateException("a SpooledCsv parameter needs a servlet request");
        }
        try {
            return SpooledCsv.forRequest(request.getInputStream());
        } catch (JsonBodyLimitFilter.BodyTooLargeException tooLarge) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
        }
    }
}
