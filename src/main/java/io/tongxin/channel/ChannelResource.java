package io.tongxin.channel;

import io.tongxin.security.Allowed;
import io.tongxin.security.Role;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/** Admin API for channels. Secrets are accepted here and never returned. */
@Path("/api/channels")
@Allowed(Role.ADMIN)
public class ChannelResource {

    @Inject
    ChannelService channels;

    @POST
    public Response create(@Valid @NotNull ChannelRequest request) {
        ChannelView created = channels.create(request);
        return Response.created(URI.create("/api/channels/" + created.key()))
                .entity(created)
                .build();
    }

    @GET
    @Allowed({Role.ADMIN, Role.ORGANIZER})
    public ListResult<ChannelView> list(@QueryParam("type") String type, @Valid @BeanParam PageRequest page) {
        return channels.list(Optional.ofNullable(type).map(t -> ChannelType.parse("type", t)), page.paging());
    }

    @GET
    @Path("{key}")
    @Allowed({Role.ADMIN, Role.ORGANIZER})
    public ChannelView get(@PathParam("key") String key) {
        return channels.get(key);
    }

    @PUT
    @Path("{key}")
    public ChannelView replace(@PathParam("key") String key, @Valid @NotNull ChannelRequest request) {
        return channels.replace(key, request);
    }

    @DELETE
    @Path("{key}")
    public Response delete(@PathParam("key") String key) {
        channels.delete(key);
        return Response.noContent().build();
    }
}
