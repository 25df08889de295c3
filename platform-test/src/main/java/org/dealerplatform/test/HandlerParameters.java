package org.dealerplatform.test;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.BeanUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.SynthesizingMethodParameter;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The query parameters a handler method reads, so that a documented {@code ?name} the handler ignores is caught:
 * its {@code @RequestParam}s, its unannotated simple parameters (bound as request parameters too) and the properties
 * of an unannotated object it binds. A {@code @RequestParam Map} reads any name.
 */
public final class HandlerParameters {

    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private HandlerParameters() {
    }

    /** The documented names {@code handler} does not read (none when it reads any name). */
    public static List<String> unread(Method handler, List<String> documented) {
        if (readsAnyName(handler)) {
            return List.of();
        }
        Set<String> read = names(handler);
        return documented.stream().filter(name -> !read.contains(name)).toList();
    }

    private static Set<String> names(Method handler) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < handler.getParameterCount(); i++) {
            MethodParameter parameter = new SynthesizingMethodParameter(handler, i);
            parameter.initParameterNameDiscovery(NAMES);
            RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
            Class<?> type = parameter.getParameterType();
            if (requestParam != null) {
                names.add(StringUtils.hasText(requestParam.name()) ? requestParam.name() : parameter.getParameterName());
            } else if (parameter.getParameterAnnotations().length == 0) {
                if (BeanUtils.isSimpleProperty(type)) {
                    names.add(parameter.getParameterName());
                } else if (type.isRecord()) {
                    for (RecordComponent component : type.getRecordComponents()) {
                        names.add(component.getName());
                    }
                }
            }
        }
        return names;
    }

    private static boolean readsAnyName(Method handler) {
        for (int i = 0; i < handler.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(handler, i);
            RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
            if (requestParam != null && Map.class.isAssignableFrom(parameter.getParameterType())
                    && !StringUtils.hasText(requestParam.name())) {
                return true;
            }
        }
        return false;
    }
}
