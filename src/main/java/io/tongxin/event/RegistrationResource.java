package io.tongxin.event;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.tongxin.security.Allowed;
import io.tongxin.security.Caller;
import io.tongxin.security.Role;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An event's registrations, check-ins and certificates, for organizers. Shares the
 * {@code /api/events/{code}} prefix with the event resource; the paths below are this class's alone.
 */
@Path("/api/events/{code}")
@Allowed(Role.ORGANIZER)
public class RegistrationResource {

    /** A sign-up by an organizer (e.g. from a phone call or a paper form). */
    public record CreateRequest(
            String participantName, String communityCode, String residentCode, Integer age, String note) {}

    /** Which session to check in to: its number or its code; none = the session running now or next today. */
    public record CheckInRequest(
            @Schema(oneOf = {Integer.class, String.class}) Object session) {}

    public static final String CSV = "text/csv";

    /** The printable certificates, one a page (names escaped by Qute). */
    @Inject
    @Location("event/certificates.html")
    Template certificatePage;

    @Inject
    RegistrationService registrations;

    @Inject
    RegistrationQueries queries;

    @Inject
    AttendanceRecords attendance;

    @Inject
    Certificates certificates;

    @Inject
    Caller caller;

    @POST
    @Path("registrations")
    public Response create(@PathParam("code") String code, @Valid @NotNull CreateRequest r) {
        var command =
                new NewRegistration(r.participantName(), r.communityCode(), r.residentCode(), r.age(), r.note(), null);
        return Response.status(201)
                .entity(registrations.register(code, command).orThrow())
                .build();
    }

    @GET
    @Path("registrations")
    public ListResult<RegistrationView> list(
            @PathParam("code") String code,
            @QueryParam("status") String status,
            @QueryParam("communityCode") String communityCode,
            @Valid @BeanParam PageRequest page) {
        return queries.list(code, new RegistrationQueries.Filter(status, communityCode), page.paging());
    }

    /** Counts in all and per community against its quota. */
    @GET
    @Path("registrations/summary")
    public RegistrationSummary summary(@PathParam("code") String code) {
        return queries.summary(code);
    }

    @GET
    @Path("registrations/{registration}")
    public RegistrationView get(@PathParam("code") String code, @PathParam("registration") String registration) {
        return queries.get(code, registration);
    }

    @POST
    @Path("registrations/{registration}/cancel")
    public RegistrationView cancel(@PathParam("code") String code, @PathParam("registration") String registration) {
        return registrations.cancel(code, registration);
    }

    @POST
    @Path("registrations/{registration}/check-in")
    public CheckIn checkIn(
            @PathParam("code") String code, @PathParam("registration") String registration, CheckInRequest r) {
        return attendance.checkIn(code, registration, sessionRef(r), caller.name());
    }

    /** JSON, or {@code Accept: text/csv} (UTF-8 with BOM), or {@code Accept: text/html} (a printable page). */
    @GET
    @Path("certificates")
    @Produces({MediaType.APPLICATION_JSON, CSV, MediaType.TEXT_HTML})
    public Response certificates(@PathParam("code") String code, @jakarta.ws.rs.core.Context HttpHeaders headers) {
        CertificateList list = certificates.of(code);
        MediaType type = preferred(headers);
        if (type.isCompatible(MediaType.valueOf(CSV))) {
            return Response.ok(CertificateDocuments.csv(list), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"certificates-" + list.eventCode() + ".csv\"")
                    .build();
        }
        if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            return Response.ok(certificatePage.data("list", list).render(), MediaType.TEXT_HTML + ";charset=UTF-8")
                    .build();
        }
        return Response.ok(list, MediaType.APPLICATION_JSON).build();
    }

    /** The first acceptable type named outright (by quality); a wildcard means JSON. */
    private static MediaType preferred(HttpHeaders headers) {
        for (MediaType t : headers.getAcceptableMediaTypes()) {
            if (t.isWildcardType() || t.isWildcardSubtype()) {
                return MediaType.APPLICATION_JSON_TYPE;
            }
            if (t.isCompatible(MediaType.valueOf(CSV))
                    || t.isCompatible(MediaType.TEXT_HTML_TYPE)
                    || t.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return t;
            }
        }
        return MediaType.APPLICATION_JSON_TYPE;
    }

    private static String sessionRef(CheckInRequest r) {
        if (r == null || r.session() == null) {
            return null;
        }
        if (r.session() instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        if (r.session() instanceof String s) {
            return s;
        }
        throw DomainException.invalidField("session", "must be a session number or code");
    }
}
