package org.dealerplatform.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import org.dealerplatform.security.tokens.TokenPolicy;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controllers the {@link Caller} as a plain method parameter, read from the validated JWT. */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return current();
    }

    /** The caller of the current request. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new AuthenticationCredentialsNotFoundException("no bearer token");
        }
        return fromJwt(jwt);
    }

    public static Caller fromJwt(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object claim = jwt.getClaims().get("roles");
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                try {
                    roles.add(Role.valueOf(String.valueOf(value)));
                } catch (IllegalArgumentException unknownRole) {
                    // ignore roles of other applications
                }
            }
        }
        return new Caller(jwt.getSubject(), roles, jwt.getClaimAsString(TokenPolicy.BRANCH_CLAIM),
                jwt.getClaimAsString(TokenPolicy.SALESPERSON_CLAIM));
    }
}
