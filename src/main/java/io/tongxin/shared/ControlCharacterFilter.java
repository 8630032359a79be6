package io.tongxin.shared;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a path or query parameter holding a control character ({@code %00}, {@code %0A}, ESC ...)
 * with a 400 before any resource, database or log sees it. No key, code, id or filter has one;
 * webhooks are covered too (platforms put only signatures, timestamps and ids in the query).
 */
public class ControlCharacterFilter {

    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext ctx) {
        var uri = ctx.getUriInfo();
        if (ControlCharacters.containsControl(uri.getPath())) {
            return refuse("the path contains a control character (such as %00 or %0A)");
        }
        for (Map.Entry<String, List<String>> p : uri.getQueryParameters(true).entrySet()) {
            boolean bad = ControlCharacters.containsControl(p.getKey())
                    || p.getValue().stream().anyMatch(ControlCharacters::containsControl);
            if (bad) {
                String name = ControlCharacters.containsControl(p.getKey()) ? "" : " '" + p.getKey() + "'";
                return refuse("the query parameter" + name + " contains a control character (such as %00 or %0A)");
            }
        }
        return null;
    }

    private static Response refuse(String detail) {
        // the instance is left out: the path is what cannot be echoed safely
        return ProblemMapper.respond(new Problem(null, "Bad Request", 400, detail, null, List.of()));
    }
}
