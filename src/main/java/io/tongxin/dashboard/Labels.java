package io.tongxin.dashboard;

import java.util.Locale;
import java.util.Map;

/** The dashboard's zh-CN words for the API's wire values (statuses, history entries). */
final class Labels {

    private Labels() {}

    private static final Map<String, String> STATUS = Map.of(
            "received", "已接收",
            "assigned", "已分派",
            "acknowledged", "已受理",
            "in_progress", "办理中",
            "resolved", "已办结",
            "closed", "已关闭",
            "rejected", "不予受理",
            "merged", "已合并");

    private static final Map<String, String> HISTORY = Map.ofEntries(
            Map.entry("created", "收到反映"),
            Map.entry("routed", "分派"),
            Map.entry("unaddressed", "待人工分派"),
            Map.entry("acknowledged", "委员受理"),
            Map.entry("note", "办理进展"),
            Map.entry("resolved", "办结答复"),
            Map.entry("rated", "群众评价"),
            Map.entry("closed", "关闭"),
            Map.entry("reopened", "重新办理"),
            Map.entry("rejected", "不予受理"),
            Map.entry("merged", "合并"),
            Map.entry("reported", "上报社情民意"),
            Map.entry("adopted", "被采用"),
            Map.entry("transferred", "转办"),
            Map.entry("reminded", "催办提醒"),
            Map.entry("escalated", "督办"));

    static String status(String wire) {
        return wire == null ? "" : STATUS.getOrDefault(wire.toLowerCase(Locale.ROOT), wire);
    }

    static Map<String, String> statuses() {
        return STATUS;
    }

    static String history(String type) {
        return type == null ? "" : HISTORY.getOrDefault(type, type);
    }
}
