package io.tongxin.dashboard;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The page a browser gets instead of the dashboard: an invalid token (401) or a member's (403). */
@ApplicationScoped
class DeniedPage {

    static final String MEMBERS_ONLY = "看板仅供组织者和管理员使用；委员请在聊天中使用「我的任务」。";

    @Inject
    @Location("dashboard/denied.html")
    Template denied;

    Response.ResponseBuilder respond(int status, String title, String detail) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(denied.data("title", title).data("detail", detail).render());
    }

    Response.ResponseBuilder forbidden() {
        return respond(403, "无权访问", MEMBERS_ONLY);
    }
}
