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
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Members (政协委员): filter by {@code q}, {@code level}, {@code sectorCode}, {@code workstationCode},
 * {@code communityCode}, {@code channelKey}, {@code userId}. Reads: admins and organizers; writes:
 * admins.
 */
@Path("/api/members")
@Allowed({Role.ADMIN, Role.ORGANIZER})
public class MemberResource {

    @Inject
    MemberService service;

    @POST
    @Allowed(Role.ADMIN)
    public Response create(@Valid @NotNull MemberDto request) {
        MemberDto created = service.create(request);
        return Response.created(URI.create("/api/members/" + created.code()))
                .entity(created)
                .build();
    }

    @GET
    public ListResult<MemberDto> list(@BeanParam MemberFilter filter, @Valid @BeanParam PageRequest page) {
        return service.list(filter.toFilter(), page.paging());
    }

    @GET
    @Path("{code}")
    public MemberDto get(@PathParam("code") String code) {
        return service.get(code);
    }

    @PUT
    @Path("{code}")
    @Allowed(Role.ADMIN)
    public MemberDto replace(@PathParam("code") String code, @Valid @NotNull MemberDto request) {
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
