package io.tongxin.event;

import io.tongxin.security.Allowed;
import io.tongxin.security.Role;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Announcements (docs/events.md): published at once to their audience; organizers (and admins). */
@Path("/api/announcements")
@Allowed(Role.ORGANIZER)
public class AnnouncementResource {

    /** {@code confirm}: workstations and councils confirm passing it on (default false). */
    public record AnnouncementRequest(
            String code,
            String title,
            String text,
            EventRequest.AudienceRequest audience,
            List<String> invitedMemberCodes,
            Boolean confirm) {}

    @Inject
    AnnouncementService announcements;

    @Inject
    EventQueries queries;

    @POST
    public Response announce(AnnouncementRequest r) {
        AnnouncementRequest a = r == null ? new AnnouncementRequest(null, null, null, null, null, null) : r;
        return Response.status(201)
                .entity(announcements.announce(
                        a.code(), a.title(), a.text(), a.audience(), a.invitedMemberCodes(), a.confirm()))
                .build();
    }

    @GET
    @Path("{code}")
    public EventView get(@PathParam("code") String code) {
        return queries.getAnnouncement(code);
    }
}
