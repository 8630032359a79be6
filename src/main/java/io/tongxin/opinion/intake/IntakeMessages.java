package io.tongxin.opinion.intake;

import io.tongxin.opinion.OpinionMessages;
import io.tongxin.opinion.OpinionView;

/**
 * What the intake answers, zh-CN first with en beside it. Answers may be read by a whole group: they
 * name a member only as 王委员 and never show the concern's text, a resident's name or a phone.
 */
final class IntakeMessages {

    private IntakeMessages() {}

    static String received(OpinionView v) {
        if (v.assignee() != null) {
            String who = OpinionMessages.honorific(v.assignee().name());
            return "已收到您反映的问题，编号 " + v.number() + "，已转交" + who + "跟进。\n" + "Received as " + v.number()
                    + " and passed to committee member " + who + " for follow-up.";
        }
        return "已收到您反映的问题，编号 " + v.number() + "，我们会尽快安排委员跟进。\n" + "Received as " + v.number()
                + "; a committee member will be assigned soon.";
    }

    static String help(boolean inGroup) {
        return (inGroup ? "请在 @我 后描述您反映的问题，例如：@同心助手 小区南门积水严重。" : "请直接描述您反映的问题，例如：小区南门积水严重。")
                + "查询办理进度请发送：查询 2026-000123\n"
                + (inGroup
                        ? "Please describe your concern after @-mentioning me, e.g. \"@同心助手 the south gate is flooded\"."
                        : "Please describe your concern, e.g. \"the south gate of our estate is flooded\".")
                + " To check progress, send: status 2026-000123";
    }

    /** Why a member command or a rating is not taken on a transport that cannot vouch for the sender. */
    static String unverifiedSender() {
        return "本渠道（公众号明文模式）无法核实发送者身份，委员指令和评分暂不受理，请通过企业微信或委员工作群发送。反映问题和查询进度不受影响。\n"
                + "This channel (Official Account plaintext mode) cannot verify who sent a message, so member commands"
                + " and ratings are not taken here; please use WeCom or your workstation group. Reporting a concern"
                + " and checking its status still work.";
    }

    static String statusUsage() {
        return "请发送「查询 编号」查询办理进度，例如：查询 2026-000123\n"
                + "Send \"status <number>\" to check progress, e.g. status 2026-000123";
    }

    static String unknown(String number) {
        return "未找到编号为 " + number + " 的问题，请核对编号。\n" + "No concern has the number " + number + "; please check it.";
    }

    /** The status of an opinion, without its text, the reporter or anyone's full name. */
    static String status(OpinionView v) {
        String who = v.assignee() == null
                ? "委员"
                : OpinionMessages.honorific(v.assignee().name());
        String n = v.number();
        return switch (v.status()) {
            case "received" ->
                "编号 " + n + "：已受理，正在安排委员跟进。\n" + n + ": received; a committee member will be assigned soon.";
            case "assigned" ->
                "编号 " + n + "：已转交" + who + "，等待委员确认。\n" + n + ": passed to " + who + ", awaiting acknowledgement.";
            case "acknowledged" ->
                "编号 " + n + "：" + who + "已确认，正在跟进。\n" + n + ": acknowledged by " + who + ", being followed up.";
            case "in_progress" -> "编号 " + n + "：" + who + "正在办理。\n" + n + ": in progress with " + who + ".";
            case "resolved" -> "编号 " + n + "：已办结。\n" + n + ": resolved.";
            case "closed" -> "编号 " + n + "：已办结并关闭。\n" + n + ": resolved and closed.";
            case "rejected" -> "编号 " + n + "：未予受理。\n" + n + ": not taken up.";
            case "merged" ->
                "编号 " + n + "：已合并至编号 " + v.mergedInto() + " 一并办理。\n" + n + ": merged into " + v.mergedInto() + ".";
            default -> "编号 " + n + "：" + v.status() + "\n" + n + ": " + v.status();
        };
    }

    static String rated(String number, int rating) {
        return "感谢您的评价（" + rating + " 分），编号 " + number + " 已办结关闭。\n" + "Thank you for rating " + number + " " + rating
                + "/5; it is now closed.";
    }

    /** An opinion status as residents and members read it ("为「已办结」"). */
    static String statusLabel(String status) {
        return "为「"
                + switch (status) {
                    case "received" -> "待分派";
                    case "assigned" -> "待确认";
                    case "acknowledged" -> "已确认";
                    case "in_progress" -> "办理中";
                    case "resolved" -> "已办结";
                    case "closed" -> "已关闭";
                    case "rejected" -> "未予受理";
                    case "merged" -> "已合并";
                    default -> status;
                }
                + "」";
    }
}
