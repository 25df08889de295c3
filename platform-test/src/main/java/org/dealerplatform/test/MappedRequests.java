package org.dealerplatform.test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

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
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which documented requests a running service would not dispatch to a handler: each one is offered to the context's
 * request mappings (controllers, actuator, API docs) the way {@code DispatcherServlet} offers a real request, without
 * sending it. A request is mapped when its path and method select a handler, even if that handler would then refuse
 * the request's parameters or media type.
 */
public final class MappedRequests {

    private static final List<String> ANY_METHOD = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private MappedRequests() {
    }

    /**
     * The requests no handler of {@code context} maps, nor any of {@code conditionalControllers} (controllers the test
     * context leaves out, such as a local-profile-only simulator; their annotations are read by reflection).
     */
    public static List<Request> unmapped(ApplicationContext context, List<Request> requests,
            Class<?>... conditionalControllers) {
        Collection<RequestMappingInfoHandlerMapping> mappings =
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values();
        return requests.stream()
                .filter(request -> methods(request).stream().noneMatch(method -> mapped(mappings, method, request)
                        || Arrays.stream(conditionalControllers).anyMatch(c -> declares(c, method, request))))
                .toList();
    }

    private static List<String> methods(Request request) {
        return request.method() == null ? ANY_METHOD : List.of(request.method());
    }

    private static boolean mapped(Collection<RequestMappingInfoHandlerMapping> mappings, String method,
            Request request) {
        for (RequestMappingInfoHandlerMapping mapping : mappings) {
            MockHttpServletRequest http = new MockHttpServletRequest(method, request.concretePath());
            ServletRequestPathUtils.parseAndCache(http);
            try {
                if (mapping.getHandler(http) != null) {
                    return true;
                }
            } catch (HttpRequestMethodNotSupportedException otherMethodOnly) {
                // the path exists, but not with this method: keep looking
            } catch (HttpMediaTypeNotSupportedException | HttpMediaTypeNotAcceptableException
                    | UnsatisfiedServletRequestParameterException handlerFoundButRefuses) {
                return true;
            } catch (Exception e) {
                throw new IllegalStateException("cannot match " + request, e);
            }
        }
        return false;
    }

    private static boolean declares(Class<?> controller, String method, Request request) {
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
        String[] prefixes = type == null || type.path().length == 0 ? new String[] {""} : type.path();
        PathContainer path = PathContainer.parsePath(request.concretePath());
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
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
