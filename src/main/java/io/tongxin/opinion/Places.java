package io.tongxin.opinion;

import java.util.Map;

/**
 * Display names of the communities and workstations some opinions name by code (静安门社区 for
 * {@code lz-jinganmen}), looked up once for all of them ({@link PlaceNames}): what chat notices show,
 * while the API keeps the codes. A code the directory no longer knows is shown as it is.
 */
public record Places(Map<String, String> communities, Map<String, String> workstations) {

    /** The community's name; {@code null} for no community. */
    public String community(String code) {
        return code == null ? null : communities.getOrDefault(code, code);
    }

    /** The workstation's name; {@code null} for no workstation. */
    public String workstation(String code) {
        return code == null ? null : workstations.getOrDefault(code, code);
    }
}
