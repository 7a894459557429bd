package org.protocolregistry.api;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * Which HTTP methods each API path supports, read once from the resource classes, so that
 * a 405 answer can carry the Allow header that RFC 9110 requires (the REST layer leaves it out).
 */
@ApplicationScoped
public class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    @Inject
    BeanManager beans;

    private volatile List<Route> routes;

    /** The methods the given request path supports, sorted, with HEAD and OPTIONS where they apply. */
    public Set<String> forPath(String requestPath) {
        var allowed = new TreeSet<String>();
        for (var route : routes()) {
            if (route.path().matcher(requestPath).matches()) {
                allowed.add(route.method());
            }
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        if (!allowed.isEmpty()) {
            allowed.add("OPTIONS");
        }
        return allowed;
    }

    private List<Route> routes() {
        if (routes == null) {
            var found = new ArrayList<Route>();
            for (var bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                var type = bean.getBeanClass();
                var classPath = type.getAnnotation(Path.class);
                if (classPath == null) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    var httpMethod = httpMethodOf(method);
                    if (httpMethod != null) {
                        var methodPath = method.getAnnotation(Path.class);
                        var template = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                        found.add(new Route(toPattern(template), httpMethod));
                    }
                }
            }
            routes = List.copyOf(found);
        }
        return routes;
    }

    /** The brace that closes the one at {@code open}; regular expressions may nest braces ({1,9}). */
    private static int closingBrace(String template, int open) {
        var depth = 0;
        for (int i = open; i < template.length(); i++) {
            if (template.charAt(i) == '{') {
                depth++;
            } else if (template.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced braces in path template " + template);
    }

    private static String httpMethodOf(Method method) {
        for (var annotation : method.getAnnotations()) {
            var httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (httpMethod != null) {
                return httpMethod.value();
            }
        }
        return null;
    }

    private static String join(String classPath, String methodPath) {
        var joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** {@code /a/{id}/b/{n: [0-9]+}} becomes a regular expression over the literal parts. */
    private static Pattern toPattern(String template) {
        var regex = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            var open = template.indexOf('{', i);
            if (open < 0) {
                regex.append(Pattern.quote(template.substring(i)));
                break;
            }
            regex.append(Pattern.quote(template.substring(i, open)));
            var close = closingBrace(template, open);
            var variable = template.substring(open + 1, close);
            var colon = variable.indexOf(':');
            regex.append('(').append(colon < 0 ? "[^/]+" : variable.substring(colon + 1).trim()).append(')');
            i = close + 1;
        }
        return Pattern.compile(regex + "/?");
    }
}
