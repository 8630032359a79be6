package io.tongxin.opinion.dictionary;

import io.tongxin.security.Allowed;
import io.tongxin.security.Role;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

/** The keyword dictionary that classifies opinions: organizers read it and replace it as a whole. */
@Path("/api/dictionary")
@Allowed(Role.ORGANIZER)
public class DictionaryResource {

    @Inject
    DictionaryService dictionary;

    @GET
    public Dictionary get() {
        return dictionary.get();
    }

    @PUT
    public Dictionary replace(@Valid @NotNull Dictionary request) {
        return dictionary.replace(request);
    }
}
