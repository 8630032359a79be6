package io.tongxin.inbox;

import io.tongxin.security.Allowed;
import io.tongxin.security.Role;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.PageRequest;
import io.tongxin.shared.ProblemException;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Admin view of the inbound inbox: list, inspect, re-drive failed messages. */
@Path("/api/inbox")
@Allowed({Role.ADMIN, Role.ORGANIZER})
public class InboxResource {

    @Inject
    InboxAdmin inbox;

    @GET
    public ListResult<InboxView> list(
            @QueryParam("status") @Schema(enumeration = {"pending", "processing", "retrying", "processed", "failed"})
                    String status,
            @QueryParam("channelKey") String channelKey,
            @Valid @BeanParam PageRequest page) {
        return inbox.list(
                Optional.ofNullable(status).filter(s -> !s.isBlank()).map(InboxStatus::fromWire),
                Optional.ofNullable(channelKey).filter(s -> !s.isBlank()),
                page.paging());
    }

    @GET
    @Path("{id}")
    public InboxDetail get(@PathParam("id") String id) {
        return inbox.get(parse(id));
    }

    @POST
    @Path("{id}/retry")
    @Allowed(Role.ADMIN)
    public InboxView retry(@PathParam("id") String id) {
        return inbox.retry(parse(id));
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("inbox message", id);
        }
    }
}
