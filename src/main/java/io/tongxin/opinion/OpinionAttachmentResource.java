package io.tongxin.opinion;

import io.tongxin.security.Allowed;
import io.tongxin.security.Caller;
import io.tongxin.security.Role;
import io.tongxin.shared.ListResult;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * An opinion's photos, voice messages and locations: the list, and one item's bytes served with
 * their sniffed type, inline, and {@code nosniff} so a browser never second-guesses it. Organizers
 * see every opinion's; a member only those of their own assignments.
 */
@Path("/api/opinions/{number}/attachments")
@Allowed({Role.ORGANIZER, Role.MEMBER})
public class OpinionAttachmentResource {

    @Inject
    OpinionAttachments attachments;

    @Inject
    Caller caller;

    @GET
    public ListResult<OpinionAttachments.AttachmentView> list(@PathParam("number") String number) {
        return attachments.list(number, actor());
    }

    @GET
    @Path("{id}")
    @jakarta.ws.rs.Produces("*/*")
    public Response download(@PathParam("number") String number, @PathParam("id") long id) {
        OpinionAttachments.Download d = attachments.download(number, id, actor());
        return Response.ok(d.bytes(), d.mime())
                .header("Content-Length", d.bytes().length)
                .header("Content-Disposition", "inline")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    private Actor actor() {
        return caller.isMember() ? Actor.member(caller.memberCode()) : Actor.organizer(caller.name());
    }
}
