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
 * Pairings (结对): filter by {@code q} (household or code), {@code memberCode}, {@code residentCode}.
 * Reads: admins and organizers; writes: admins and organizers.
 */
@Path("/api/pairings")
@Allowed({Role.ADMIN, Role.ORGANIZER})
public class PairingResource {

    @Inject
    PairingService service;

    @POST
    @Allowed({Role.ADMIN, Role.ORGANIZER})
    public Response create(@Valid @NotNull PairingDto request) {
        PairingDto created = service.create(request);
        return Response.created(URI.create("/api/pairings/" + created.code()))
                .entity(created)
                .build();
    }

    @GET
    public ListResult<PairingDto> list(
            @QueryParam("q") String q,
            @QueryParam("memberCode") String memberCode,
            @QueryParam("residentCode") String residentCode,
            @Valid @BeanParam PageRequest page) {
        return service.list(new PairingService.Filter(q, memberCode, residentCode), page.paging());
    }

    @GET
    @Path("{code}")
    public PairingDto get(@PathParam("code") String code) {
        return service.get(code);
    }

    @PUT
    @Path("{code}")
    @Allowed({Role.ADMIN, Role.ORGANIZER})
    public PairingDto replace(@PathParam("code") String code, @Valid @NotNull PairingDto request) {
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
