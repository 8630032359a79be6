package io.tongxin.opinion;

import io.tongxin.security.Allowed;
import io.tongxin.security.Caller;
import io.tongxin.security.Role;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.ZoneId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Opinions. Organizers see and do everything; a member token lists and reads only the member's own
 * assignments and may acknowledge, note, resolve and transfer them.
 */
@Path("/api/opinions")
@Allowed({Role.ORGANIZER, Role.MEMBER})
public class OpinionResource {

    /** Create on a resident's behalf (e.g. from a phone call). */
    public record CreateRequest(
            @NotNull @Size(min = 1, max = 4000) String text,
            @Size(max = 64) String communityCode,
            @Size(max = 64) String workstationCode,
            @Size(max = 64) String residentCode,
            String urgency) {

        /** The command; the text is checked before the urgency, as the service would. */
        NewOpinion toCommand() {
            NewOpinion.requireText(text);
            Urgency u = null;
            if (urgency != null) {
                try {
                    u = Urgency.fromWire(urgency);
                } catch (IllegalArgumentException e) {
                    throw DomainException.invalidField("urgency", "must be normal or urgent");
                }
            }
            return new NewOpinion(text, communityCode, workstationCode, residentCode, u, null);
        }
    }

    @Inject
    OpinionService opinions;

    @Inject
    OpinionQueries queries;

    @Inject
    Caller caller;

    @Inject
    ZoneId zone;

    @GET
    public ListResult<OpinionView> list(@BeanParam OpinionFilter filter, @Valid @BeanParam PageRequest page) {
        return queries.list(filter.toFilter(zone), page.paging(), actor());
    }

    @GET
    @Path("{number}")
    public OpinionView get(@PathParam("number") String number) {
        return queries.get(number, actor());
    }

    @POST
    @Allowed(Role.ORGANIZER)
    public Response create(@Valid @NotNull CreateRequest r) {
        var created = opinions.create(r.toCommand(), actor());
        return Response.status(201).entity(created).build();
    }

    @POST
    @Path("{number}/{action}")
    public OpinionView act(
            @PathParam("number") String number,
            @PathParam("action") @Parameter(schema = @Schema(implementation = OpinionAction.class)) String action,
            @Valid OpinionActionRequest request) {
        // read here rather than by JAX-RS, so an unknown word stays "action 'x' does not exist" (404)
        return opinions.act(number, OpinionAction.fromWire(action), request, actor());
    }

    private Actor actor() {
        return caller.isMember() ? Actor.member(caller.memberCode()) : Actor.organizer(caller.name());
    }
}
