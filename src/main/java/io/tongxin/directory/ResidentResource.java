package io.tongxin.directory;

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

/**
 * Residents (居民): filter by {@code q} (display name or code), {@code channelKey}, {@code userId}.
 * Phones are answered masked. Reads: admins and organizers; writes: admins and organizers.
 */
@Path("/api/residents")
@Allowed({Role.ADMIN, Role.ORGANIZER})
public class ResidentResource {

    @Inject
    ResidentService service;

    @POST
    @Allowed({Role.ADMIN, Role.ORGANIZER})
    public Response create(@Valid @NotNull ResidentDto request) {
        ResidentDto created = service.create(request);
        return Response.created(URI.create("/api/residents/" + created.code()))
                .entity(created)
                .build();
    }

    @GET
    public ListResult<ResidentDto> list(
            @QueryParam("q") String q,
            @QueryParam("channelKey") String channelKey,
            @QueryParam("userId") String userId,
            @Valid @BeanParam PageRequest page) {
        return service.list(new ResidentService.Filter(q, channelKey, userId), page.paging());
    }

    @GET
    @Path("{code}")
    public ResidentDto get(@PathParam("code") String code) {
        return service.get(code);
    }

    @PUT
    @Path("{code}")
    @Allowed({Role.ADMIN, Role.ORGANIZER})
    public ResidentDto replace(@PathParam("code") String code, @Valid @NotNull ResidentDto request) {
        return service.replace(code, request);
    }

    @DELETE
    @Path("{code}")
    @Allowed({Role.ADMIN, Role.ORGANIZER})
    public Response delete(@PathParam("code") String code) {
        service.delete(code);
        return Response.noContent().build();
    }
}
