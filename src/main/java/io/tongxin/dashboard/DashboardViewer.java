package io.tongxin.dashboard;

import io.tongxin.security.Role;
import jakarta.enterprise.context.RequestScoped;

/** Who is looking at the dashboard in this request, filled in by {@link DashboardAccess}. */
@RequestScoped
public class DashboardViewer {

    private Role role;
    private String name;
    private String sessionId;

    void set(Role role, String name, String sessionId) {
        this.role = role;
        this.name = name;
        this.sessionId = sessionId;
    }

    public Role role() {
        return role;
    }

    /** The token's label, shown in the page header and in nothing that is stored. */
    public String name() {
        return name;
    }

    /** The session id from the cookie; null when the request came with an {@code Authorization} header. */
    String sessionId() {
        return sessionId;
    }
}
