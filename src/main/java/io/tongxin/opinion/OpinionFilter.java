package io.tongxin.opinion;

import jakarta.ws.rs.QueryParam;

/** List filters for {@code GET /api/opinions}; all optional. {@code from}/{@code to} bound the creation time. */
public class OpinionFilter {
    @QueryParam("status")
    public String status;

    @QueryParam("assignee")
    public String assignee;

    @QueryParam("community")
    public String community;

    @QueryParam("workstation")
    public String workstation;
    /** The assignee's sector. */
    @QueryParam("sector")
    public String sector;
    /** Category code or name. */
    @QueryParam("category")
    public String category;

    @QueryParam("overdue")
    public Boolean overdue;
    /** ISO instant (2026-05-01T00:00:00Z) or date (2026-05-01, Asia/Shanghai). */
    @QueryParam("from")
    public String from;

    @QueryParam("to")
    public String to;
}
