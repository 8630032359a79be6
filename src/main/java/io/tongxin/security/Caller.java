package io.tongxin.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * The authenticated caller of the current request, filled in by {@link BearerTokenFilter} (and by the
 * dashboard's session check, {@link #authenticatedAs}).
 */
@RequestScoped
public class Caller {

    private Role role;
    private String memberCode;
    private String name;
    private Long tokenId;
    private String address;

    /**
     * For entry points outside {@code /api} that authenticate by their own means (the dashboard's
     * session, which re-checks its token every request): the services then see the same caller as
     * the API would for that token.
     */
    public void authenticatedAs(TokenService.Identity identity, String address) {
        set(identity.role(), identity.memberCode(), identity.label(), identity.tokenId(), address);
    }

    void set(Role role, String memberCode, String name, Long tokenId, String address) {
        this.role = role;
        this.memberCode = memberCode;
        this.name = name;
        this.tokenId = tokenId;
        this.address = address;
    }

    /** Whether a token authenticated this request (false in webhooks, jobs, tests calling beans). */
    public boolean authenticated() {
        return role != null;
    }

    /** The minted token's id; null for the bootstrap admin token. */
    public Long tokenId() {
        return tokenId;
    }

    /** The client address the request came from. */
    public String address() {
        return address;
    }

    public Role role() {
        return role;
    }

    /** The member a member token is bound to; null for admins and organizers. */
    public String memberCode() {
        return memberCode;
    }

    /** A label for history entries: the token's label or member code. */
    public String name() {
        return name;
    }

    public boolean isMember() {
        return role == Role.MEMBER;
    }

    public boolean isAtLeastOrganizer() {
        return role == Role.ADMIN || role == Role.ORGANIZER;
    }
}
