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
import java.util.Map;

/**
 * Residents (居民): filter by {@code q} (display name or code), {@code channelKey}, {@code userId}.
 * Phones are answered masked. Reads: admins and organizers; writes: admins and organizers.
 */
@Path("/api/residents")
@Allowed({Role.ADMIN, Role.ORGANIZER})
public class ResidentResource {

    @Inject
    ResidentService service;

    @Inject
    ResidentData data;

    /**
     * Everything Tongxin holds about the resident (their right of access, 个人信息保护法 第四十五条):
     * identities, name and phone in clear, pairings, opinions with history, messages, registrations,
     * media, bot conversations, what was sent to them. Admin only; audited.
     */
    @GET
    @Path("{code}/data")
    @Allowed(Role.ADMIN)
    public Map<String, Object> export(@PathParam("code") String code) {
        return data.export(code);
    }

    /**
     * Erases the resident's personal data (第四十七条): name, phone, identities, the texts they wrote,
     * their media and bot conversations; opinions and registrations stay as anonymous rows the reports
     * count. Idempotent (a repeat changes nothing); admin only; audited.
     */
    @POST
    @Path("{code}/erase")
    @Allowed(Role.ADMIN)
    public ResidentData.Erased erase(@PathParam("code") String code) {
        return data.erase(code);
    }

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
