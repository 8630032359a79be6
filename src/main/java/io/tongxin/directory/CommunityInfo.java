package io.tongxin.directory;

/** A community and its council as other features see it. */
public record CommunityInfo(String code, String name, String councilName, String councilHead, String workstationCode) {

    static CommunityInfo of(Community c) {
        return new CommunityInfo(c.code, c.name, c.councilName, c.councilHead, c.workstationCode);
    }
}
