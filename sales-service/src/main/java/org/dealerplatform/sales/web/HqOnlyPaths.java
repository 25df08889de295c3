package org.dealerplatform.sales.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dealerplatform.platform.security.CallerArgumentResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Everything under {@code /api/hq/} is for HQ only (group-wide figures), whatever the handler checks itself; the
 * gateway routes it here, but the service does not rely on the gateway (docs/architecture.md, "Edge and security").
 */
@Configuration
public class HqOnlyPaths {

    @Bean
    WebMvcConfigurer hqOnlyInterceptor() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        if (!CallerArgumentResolver.current().isHq()) {
                            throw new AccessDeniedException("group-wide reports and operations are for HQ only");
                        }
                        return true;
                    }
                }).addPathPatterns("/api/hq/**");
            }
        };
    }
}
