package io.tongxin.directory;

/** A sector as other features see it. */
public record SectorInfo(String code, String name) {

    static SectorInfo of(Sector s) {
        return new SectorInfo(s.code, s.name);
    }
}
