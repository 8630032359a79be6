package io.tongxin.outbox;

import io.tongxin.security.Allowed;
import io.tongxin.security.Role;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Delivery status: admins and organizers read; only admins put a dead message back in the queue
 * (a dead message usually means a configuration problem an admin must fix first).
 */
@Path("/api/outbox")
@Allowed({Role.ADMIN, Role.ORGANIZER})
public class OutboxResource {

    @Inject
    OutboxAdmin admin;

    @GET
    public ListResult<OutboxMessageView> list(
            @QueryParam("status") @Schema(enumeration = {"pending", "retrying", "sent", "dead"}) String status,
            @QueryParam("target") String target,
            @QueryParam("origin") String origin,
            @QueryParam("channelKey") String channelKey,
            @Valid @BeanParam PageRequest page) {
        return admin.list(new OutboxAdmin.Filter(status, target, origin, channelKey), page.paging());
    }

    @GET
    @Path("{id}")
    public OutboxMessageView get(@PathParam("id") String id) {
        return admin.get(id);
    }

    @POST
    @Path("{id}/retry")
    @Allowed(Role.ADMIN)
    public OutboxMessageView retry(@PathParam("id") String id) {
        return admin.retry(id);
    }
}
