package io.tongxin.directory;

/** A workstation as other features see it. */
public record WorkstationInfo(String code, String name, String district, String headMemberCode) {

    static WorkstationInfo of(Workstation w) {
        return new WorkstationInfo(w.code, w.name, w.district, w.headMemberCode);
    }
}
