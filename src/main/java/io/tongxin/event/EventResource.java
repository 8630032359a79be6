package io.tongxin.event;

import io.tongxin.security.Allowed;
import io.tongxin.security.Caller;
import io.tongxin.security.Role;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Meetings and classes (docs/events.md): create and change drafts, publish, cancel, reschedule or
 * cancel a session, confirmations of passing the invitation on, invited members' answers, closing a
 * meeting. Organizers (and admins) only.
 */
@Path("/api/events")
@Allowed(Role.ORGANIZER)
public class EventResource {

    public record CancelRequest(String reason) {}

    public record RescheduleRequest(Instant startsAt, Instant endsAt, String venue) {}

    public record ConfirmationRequest(String unitKind, String unitCode) {}

    public record RsvpRequest(String rsvp, String reason) {}

    public record CloseRequest(
            String minutes, List<String> attendedMemberCodes, List<MeetingClosing.Outcome> opinions) {}

    @Inject
    EventService events;

    @Inject
    EventQueries queries;

    @Inject
    Confirmations confirmations;

    @Inject
    Invitations invitations;

    @Inject
    MeetingClosing closing;

    @Inject
    Caller caller;

    @GET
    public ListResult<EventView> list(
            @QueryParam("status") String status, @QueryParam("kind") String kind, @Valid @BeanParam PageRequest page) {
        return queries.list(
                new EventQueries.Filter(
                        parse("status", status, EventStatus::fromWire), parse("kind", kind, EventKind::fromWire)),
                page.paging());
    }

    @POST
    public Response create(EventRequest r) {
        return Response.status(201).entity(events.create(r)).build();
    }

    @GET
    @Path("{code}")
    public EventView get(@PathParam("code") String code) {
        return queries.get(code);
    }

    @PUT
    @Path("{code}")
    public EventView replace(@PathParam("code") String code, EventRequest r) {
        return events.replace(code, r);
    }

    @DELETE
    @Path("{code}")
    public Response delete(@PathParam("code") String code) {
        events.delete(code);
        return Response.noContent().build();
    }

    @POST
    @Path("{code}/publish")
    public EventView publish(@PathParam("code") String code) {
        return events.publish(code);
    }

    @POST
    @Path("{code}/cancel")
    public EventView cancel(@PathParam("code") String code, CancelRequest r) {
        return events.cancel(code, r == null ? null : r.reason());
    }

    @POST
    @Path("{code}/sessions/{session}/reschedule")
    public EventView reschedule(
            @PathParam("code") String code, @PathParam("session") String session, RescheduleRequest r) {
        RescheduleRequest req = r == null ? new RescheduleRequest(null, null, null) : r;
        return events.reschedule(code, session, req.startsAt(), req.endsAt(), req.venue());
    }

    @POST
    @Path("{code}/sessions/{session}/cancel")
    public EventView cancelSession(@PathParam("code") String code, @PathParam("session") String session) {
        return events.cancelSession(code, session);
    }

    @GET
    @Path("{code}/confirmations")
    public Confirmations.Listing confirmations(@PathParam("code") String code) {
        return confirmations.list(code);
    }

    @POST
    @Path("{code}/confirmations")
    public Confirmations.Listing confirm(@PathParam("code") String code, ConfirmationRequest r) {
        ConfirmationRequest req = r == null ? new ConfirmationRequest(null, null) : r;
        return confirmations.confirm(code, req.unitKind(), req.unitCode(), "organizer:" + caller.name());
    }

    @GET
    @Path("{code}/invitees")
    public Invitations.Listing invitees(@PathParam("code") String code) {
        return invitations.list(code);
    }

    @POST
    @Path("{code}/invitees/{member}/rsvp")
    public Invitations.Listing rsvp(@PathParam("code") String code, @PathParam("member") String member, RsvpRequest r) {
        RsvpRequest req = r == null ? new RsvpRequest(null, null) : r;
        return invitations.answer(code, member, req.rsvp(), req.reason());
    }

    @POST
    @Path("{code}/close")
    public EventView close(@PathParam("code") String code, CloseRequest r) {
        CloseRequest req = r == null ? new CloseRequest(null, null, null) : r;
        return closing.close(code, req.minutes(), req.attendedMemberCodes(), req.opinions());
    }

    private static <T> T parse(String field, String value, Function<String, T> fromWire) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return fromWire.apply(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField(field, "unknown value '" + value + "'");
        }
    }
}
