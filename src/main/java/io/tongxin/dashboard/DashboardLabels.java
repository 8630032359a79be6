package io.tongxin.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dashboard's zh-CN names for event kinds and states, and the ECharts series it draws. */
final class DashboardLabels {

    private DashboardLabels() {}

    static String eventStatus(String status) {
        return switch (status == null ? "" : status) {
            case "published" -> "进行中";
            case "finished" -> "已结束";
            case "cancelled" -> "已取消";
            default -> status == null ? "" : status;
        };
    }

    static String kind(String kind) {
        return switch (kind == null ? "" : kind) {
            case "meeting" -> "协商会议";
            case "class" -> "公益课堂";
            case "announcement" -> "通知公告";
            default -> kind == null ? "" : kind;
        };
    }

    static Map<String, Object> series(String name, String type, List<?> data) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("type", type);
        s.put("data", data);
        return s;
    }
}
