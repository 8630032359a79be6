package io.tongxin.directory;

import jakarta.ws.rs.QueryParam;

/** Query parameters of {@code GET /api/members}; all optional, combined with "and". */
public class MemberFilter {

    @QueryParam("q")
    String q;

    @QueryParam("level")
    String level;

    @QueryParam("sectorCode")
    String sectorCode;

    @QueryParam("workstationCode")
    String workstationCode;

    @QueryParam("communityCode")
    String communityCode;

    @QueryParam("channelKey")
    String channelKey;

    @QueryParam("userId")
    String userId;

    MemberService.Filter toFilter() {
        return new MemberService.Filter(q, level, sectorCode, workstationCode, communityCode, channelKey, userId);
    }
}
