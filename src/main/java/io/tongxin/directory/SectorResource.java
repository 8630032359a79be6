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

/** Sectors (界别): filter by text {@code q}. Reads: admins and organizers; writes: admins. */
@Path("/api/sectors")
@Allowed({Role.ADMIN, Role.ORGANIZER})
public class SectorResource {

    @Inject
    SectorService service;

    @POST
    @Allowed(Role.ADMIN)
    public Response create(@Valid @NotNull SectorDto request) {
        SectorDto created = service.create(request);
        return Response.created(URI.create("/api/sectors/" + created.code()))
                .entity(created)
                .build();
    }

    @GET
    public ListResult<SectorDto> list(@QueryParam("q") String q, @Valid @BeanParam PageRequest page) {
        return service.list(q, page.paging());
    }

    @GET
    @Path("{code}")
    public SectorDto get(@PathParam("code") String code) {
        return service.get(code);
    }

    @PUT
    @Path("{code}")
    @Allowed(Role.ADMIN)
    public SectorDto replace(@PathParam("code") String code, @Valid @NotNull SectorDto request) {
        return service.replace(code, request);
    }

    @DELETE
    @Path("{code}")
    @Allowed(Role.ADMIN)
    public Response delete(@PathParam("code") String code) {
        service.delete(code);
        return Response.noContent().build();
    }
}
