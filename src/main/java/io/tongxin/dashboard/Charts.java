package io.tongxin.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ECharts series the dashboard's pages draw (dashboard.js reads them from {@code data-series}). */
final class Charts {

    private Charts() {}

    static Map<String, Object> series(String name, String type, List<?> data) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("type", type);
        s.put("data", data);
        return s;
    }
}
