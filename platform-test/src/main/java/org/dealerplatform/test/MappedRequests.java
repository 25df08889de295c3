package org.dealerplatform.test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.dealerplatform.test.DocumentedRequests.Request;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.UnsatisfiedServletRequestParameterException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What a running service would not do of the documented requests: each one is offered to the context's request
 * mappings (controllers, actuator, API docs) the way {@code DispatcherServlet} offers a real request, without
 * sending it. A request is mapped when its path and method select a handler, even if that handler would then refuse
 * the request's body or media type; every query parameter the document shows must be one the handler reads.
 */
public final class MappedRequests {

    private static final List<String> ANY_METHOD = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private MappedRequests() {
    }

    /**
     * One line per documented request that no handler of {@code context} maps, nor any of
     * {@code conditionalControllers} (controllers the test context leaves out, such as a local-profile-only simulator;
     * their annotations are read by reflection), or whose handler ignores a documented query parameter.
     */
    public static List<String> problems(ApplicationContext context, List<Request> requests,
            Class<?>... conditionalControllers) {
        Collection<RequestMappingInfoHandlerMapping> mappings =
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values();
        List<String> problems = new ArrayList<>();
        for (Request request : requests) {
            Optional<Handler> handler = methods(request).stream()
                    .map(method -> handler(mappings, method, request)
                            .or(() -> declared(conditionalControllers, method, request)))
                    .flatMap(Optional::stream)
                    .findFirst();
            if (handler.isEmpty()) {
                problems.add(request + ": no handler");
                continue;
            }
            List<String> unread = handler.get().method() == null ? List.of()
                    : HandlerParameters.unread(handler.get().method(), request.parameters());
            if (!unread.isEmpty()) {
                problems.add(request + ": the handler reads no " + unread);
            }
        }
        return problems;
    }

    private static List<String> methods(Request request) {
        return request.method() == null ? ANY_METHOD : List.of(request.method());
    }

    /** The handler selected; its method is null when the mapping does not tell it. */
    private record Handler(Method method) {
    }

    private static Optional<Handler> handler(Collection<RequestMappingInfoHandlerMapping> mappings,
            String method, Request request) {
        for (RequestMappingInfoHandlerMapping mapping : mappings) {
            MockHttpServletRequest http = new MockHttpServletRequest(method, request.concretePath());
            ServletRequestPathUtils.parseAndCache(http);
            try {
                HandlerExecutionChain chain = mapping.getHandler(http);
                if (chain != null) {
                    return Optional.of(new Handler(chain.getHandler() instanceof HandlerMethod handlerMethod
                            ? handlerMethod.getMethod() : null));
                }
            } catch (HttpRequestMethodNotSupportedException otherMethodOnly) {
                // the path exists, but not with this method: keep looking
            } catch (HttpMediaTypeNotSupportedException | HttpMediaTypeNotAcceptableException
                    | UnsatisfiedServletRequestParameterException handlerFoundButRefuses) {
                return Optional.of(new Handler(null));
            } catch (Exception e) {
                throw new IllegalStateException("cannot match " + request, e);
            }
        }
        return Optional.empty();
    }

    private static Optional<Handler> declared(Class<?>[] controllers, String method, Request request) {
        PathContainer path = PathContainer.parsePath(request.concretePath());
        for (Class<?> controller : controllers) {
            RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
            String[] prefixes = type == null || type.path().length == 0 ? new String[] {""} : type.path();
            for (Method handler : controller.getMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler, RequestMapping.class);
                if (mapping == null || mapping.method().length > 0
                        && Arrays.stream(mapping.method()).map(RequestMethod::name).noneMatch(method::equals)) {
                    continue;
                }
                String[] paths = mapping.path().length == 0 ? new String[] {""} : mapping.path();
                for (String prefix : prefixes) {
                    for (String suffix : paths) {
                        if (PathPatternParser.defaultInstance.parse(prefix + suffix).matches(path)) {
                            return Optional.of(new Handler(handler));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
