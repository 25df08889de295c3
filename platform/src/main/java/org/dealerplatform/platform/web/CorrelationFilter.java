package org.dealerplatform.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dealerplatform.platform.events.EventContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Opens an {@link EventContext} for each request from the gateway's {@code X-Correlation-Id} and {@code traceparent},
 * so that events recorded while serving it carry them, and echoes the correlation id (GW-3).
 */
public class CorrelationFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (EventContext.Scope scope = EventContext.open(request.getHeader(EventContext.CORRELATION_HEADER), null,
                request.getHeader(EventContext.TRACEPARENT_HEADER))) {
            response.setHeader(EventContext.CORRELATION_HEADER, EventContext.current().correlationId());
            chain.doFilter(request, response);
        }
    }
}
