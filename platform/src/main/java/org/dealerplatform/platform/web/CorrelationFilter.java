package org.dealerplatform.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dealerplatform.platform.events.EventContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Opens an {@link EventContext} for each request from the gateway's {@code X-Correlation-Id}, so that events recorded
 * while serving it carry it, and echoes the correlation id (GW-3). The {@code traceparent} is Micrometer Tracing's
 * (OBS-1): Spring MVC's server observation continues the caller's trace.
 */
public class CorrelationFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (EventContext.Scope scope = EventContext.open(request.getHeader(EventContext.CORRELATION_HEADER), null)) {
            response.setHeader(EventContext.CORRELATION_HEADER, EventContext.current().correlationId());
            chain.doFilter(request, response);
        }
    }
}
