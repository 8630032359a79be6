package io.tongxin.security;

import io.tongxin.shared.ListResult;
import io.tongxin.shared.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Admin-only: mint tokens for organizers and members, list them (without secrets), revoke them. */
@Path("/api/tokens")
@Allowed(Role.ADMIN)
public class TokenResource {

    /** A token request; {@code memberCode} is required for, and only allowed on, a member token. */
    public record MintRequest(
            @NotNull Role role,
            @Size(max = 64) String memberCode,
            @Size(max = 200) String label) {}

    @Inject
    TokenService tokens;

    @POST
    public Response mint(@Valid @NotNull MintRequest request) {
        var minted = tokens.mint(request.role(), request.memberCode(), request.label());
        return Response.status(201).entity(minted).build();
    }

    @GET
    public ListResult<TokenService.TokenView> list(@Valid @BeanParam PageRequest page) {
        return tokens.list(page.paging());
    }

    @DELETE
    @Path("{id}")
    public TokenService.TokenView revoke(@PathParam("id") long id) {
        return tokens.revoke(id);
    }
}
