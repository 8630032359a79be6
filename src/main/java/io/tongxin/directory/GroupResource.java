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
 * Chat groups: filter by {@code q}, {@code channelKey}, {@code chatId}, {@code communityCode}, {@code
 * workstationCode}, {@code sectorCode}. Robot webhook keys are answered masked. Reads: admins and
 * organizers; writes: admins.
 */
@Path("/api/groups")
@Allowed({Role.ADMIN, Role.ORGANIZER})
public class GroupResource {

    @Inject
    GroupService service;

    @POST
    @Allowed(Role.ADMIN)
    public Response create(@Valid @NotNull GroupDto request) {
        GroupDto created = service.create(request);
        return Response.created(URI.create("/api/groups/" + created.code()))
                .entity(created)
                .build();
    }

    @GET
    public ListResult<GroupDto> list(@BeanParam GroupFilter filter, @Valid @BeanParam PageRequest page) {
        return service.list(filter.toFilter(), page.paging());
    }

    @GET
    @Path("{code}")
    public GroupDto get(@PathParam("code") String code) {
        return service.get(code);
    }

    @PUT
    @Path("{code}")
    @Allowed(Role.ADMIN)
    public GroupDto replace(@PathParam("code") String code, @Valid @NotNull GroupDto request) {
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
