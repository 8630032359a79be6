package io.tongxin.event.reminder;

import io.tongxin.security.Allowed;
import io.tongxin.security.Role;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** An event's reminders for organizers: every row with its status, due and fired times and reason. */
@Path("/api/events/{code}/reminders")
@Allowed(Role.ORGANIZER)
public class ReminderResource {

    @Inject
    ReminderQueries queries;

    /** The rows ordered by due time; {@code status} = pending | sent | skipped | cancelled. */
    @GET
    public ListResult<ReminderView> list(
            @PathParam("code") String code, @QueryParam("status") String status, @Valid @BeanParam PageRequest page) {
        return queries.list(code, status, page.paging());
    }
}
