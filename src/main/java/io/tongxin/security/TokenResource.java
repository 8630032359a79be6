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
import java.time.Duration;

/** Admin-only: mint tokens for organizers and members, list them (without secrets), revoke them. */
@Path("/api/tokens")
@Allowed(Role.ADMIN)
public class TokenResource {

    /**
     * A token request; {@code memberCode} is required for, and only allowed on, a member token.
     * {@code expiresIn}: an ISO-8601 duration ({@code P30D}, {@code PT12H}); default
     * {@code tongxin.tokens.default-lifetime} (90 days), at most {@code tongxin.tokens.max-lifetime}.
     */
    public record MintRequest(
            @NotNull Role role,
            @Size(max = 64) String memberCode,
            @Size(max = 200) String label,
            Duration expiresIn) {}

    @Inject
    TokenService tokens;

    @POST
    public Response mint(@Valid @NotNull MintRequest request) {
        var minted = tokens.mint(request.role(), request.memberCode(), request.label(), request.expiresIn());
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
