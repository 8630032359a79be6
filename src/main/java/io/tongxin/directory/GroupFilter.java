package io.tongxin.directory;

import jakarta.ws.rs.QueryParam;

/** Query parameters of {@code GET /api/groups}; all optional, combined with "and". */
public class GroupFilter {

    @QueryParam("q")
    String q;

    @QueryParam("channelKey")
    String channelKey;

    @QueryParam("chatId")
    String chatId;

    @QueryParam("communityCode")
    String communityCode;

    @QueryParam("workstationCode")
    String workstationCode;

    @QueryParam("sectorCode")
    String sectorCode;

    GroupService.Filter toFilter() {
        return new GroupService.Filter(q, channelKey, chatId, communityCode, workstationCode, sectorCode);
    }
}
