package io.tongxin.opinion.intake;

import io.quarkus.arc.DefaultBean;
import io.tongxin.directory.MemberInfo;
import io.tongxin.inbox.InboundMessage;
import io.tongxin.opinion.Actor;
import io.tongxin.opinion.OpinionAction;
import io.tongxin.opinion.OpinionActionRequest;
import io.tongxin.opinion.OpinionQueries;
import io.tongxin.opinion.OpinionService;
import io.tongxin.opinion.OpinionView;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Committee members' chat commands, in the chat where they got the assignment notice (a direct
 * chat, or a group with an @-mention of the bot):
 * <ul>
 * <li>{@code 收到 2026-000123} (确认, ack): acknowledge;</li>
 * <li>{@code 备注 2026-000123 已约居民周五见面} (note): add a note;</li>
 * <li>{@code 办结 2026-000123 南门排水口已疏通} (完成, resolve): resolve with the summary the reporter
 * is sent, with the request for a rating;</li>
 * <li>{@code 转交 2026-000123 属教育界别} (转办, transfer): pass it to the next suitable member (routed
 * again without the sender), with the reason;</li>
 * <li>{@code 我的任务} (任务, my tasks): the open assignments, nearest deadline first;</li>
 * <li>{@code 帮助} (help) and anything else: what can be said.</li>
 * </ul>
 * A number may be written short ({@code 2026-123}). Each action runs as the member (only their own
 * assignments, the same rules as {@code POST /api/opinions/{number}/{action}}) in the inbox
 * transaction of the message; a refused action is answered with the reason and changes nothing. In
 * a group the task list shows no concern texts. The default {@link MemberMessages}; the scripted
 * chatbot may replace it with its own bean.
 */
@DefaultBean
@ApplicationScoped
public class MemberCommands implements MemberMessages {

    private static final String NUMBER = "(\\d{4})\\s*-\\s*(\\d{1,9})";
    private static final Pattern ACK = Pattern.compile(
            "^(?:收到|确认|已收到|ack|acknowledge)[\\s:：]*" + NUMBER + "[\\s。.!！]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern NOTE = Pattern.compile(
            "^(?:备注|进展|note)[\\s:：]*" + NUMBER + "[\\s:：，,]*(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern RESOLVE = Pattern.compile(
            "^(?:办结|完成|已办结|resolve|resolved|done)[\\s:：]*" + NUMBER + "[\\s:：，,]*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TRANSFER = Pattern.compile(
            "^(?:转交|转办|transfer)[\\s:：]*" + NUMBER + "[\\s:：，,]*(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TASKS =
            Pattern.compile("^(?:我的任务|任务|待办|my tasks|tasks)[\\s。.?？]*$", Pattern.CASE_INSENSITIVE);
    private static final int TASKS_SHOWN = 10;

    /** What a member's message asks for; {@link #action} is null for the task list and help. */
    enum Verb {
        ACKNOWLEDGE(OpinionAction.ACKNOWLEDGE),
        NOTE(OpinionAction.NOTE),
        RESOLVE(OpinionAction.RESOLVE),
        TRANSFER(OpinionAction.TRANSFER),
        TASKS(null),
        HELP(null);

        final OpinionAction action;

        Verb(OpinionAction action) {
            this.action = action;
        }
    }

    /**
     * A member's message read as a command: the opinion number in full ({@code 2026-000123}, null for
     * the task list and help) and what follows it (the note, summary or reason; empty when missing,
     * at most 2000 characters).
     */
    record Command(Verb verb, String number, String text) {}

    @Inject
    OpinionService opinions;

    @Inject
    OpinionQueries queries;

    @Inject
    ZoneId zone;

    private DateTimeFormatter time;

    @PostConstruct
    void formatter() {
        time = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(zone);
    }

    /** Reads a member's message (without the @-mention); anything not a command is {@link Verb#HELP}. */
    static Command parse(String text) {
        Matcher m;
        if ((m = ACK.matcher(text)).matches()) {
            return new Command(Verb.ACKNOWLEDGE, number(m), "");
        }
        if ((m = RESOLVE.matcher(text)).matches()) {
            return new Command(Verb.RESOLVE, number(m), cut(m.group(3).strip()));
        }
        if ((m = NOTE.matcher(text)).matches()) {
            return new Command(Verb.NOTE, number(m), cut(m.group(3).strip()));
        }
        if ((m = TRANSFER.matcher(text)).matches()) {
            return new Command(Verb.TRANSFER, number(m), cut(m.group(3).strip()));
        }
        if (TASKS.matcher(text).matches()) {
            return new Command(Verb.TASKS, null, null);
        }
        return new Command(Verb.HELP, null, null);
    }

    @Override
    public Optional<String> handle(MemberInfo member, InboundMessage message, String text) {
        Command c = parse(text);
        String n = c.number();
        return Optional.of(
                switch (c.verb()) {
                    case ACKNOWLEDGE ->
                        act(
                                member,
                                n,
                                OpinionAction.ACKNOWLEDGE,
                                null,
                                Set.of("acknowledged", "in_progress"),
                                v -> "已确认 编号 " + n + "，请于 " + time.format(v.resolveDueAt()) + " 前办结，办结后回复「办结 " + n
                                        + " 办理结果」。\nAcknowledged " + n + "; please resolve it by "
                                        + time.format(v.resolveDueAt()) + " and then reply \"办结 " + n + " <result>\".");
                    case RESOLVE -> resolve(member, n, c.text());
                    case NOTE -> note(member, n, c.text());
                    case TRANSFER -> transfer(member, n, c.text());
                    case TASKS -> tasks(member, message.inGroup());
                    case HELP -> help();
                });
    }

    private String resolve(MemberInfo member, String n, String summary) {
        if (summary.isEmpty()) {
            return "请写上办理结果，例如：办结 " + n + " 南门排水口已疏通。\nPlease add the result, e.g. \"办结 " + n
                    + " the drain at the south gate is cleared\".";
        }
        return act(
                member,
                n,
                OpinionAction.RESOLVE,
                summary,
                Set.of("resolved", "closed"),
                v -> "编号 " + n + " 已办结，已告知反映人并请其评分。\n" + n
                        + " is resolved; the reporter has been told and asked for a rating.");
    }

    private String note(MemberInfo member, String n, String note) {
        if (note.isEmpty()) {
            return "请写上备注内容，例如：备注 " + n + " 已约居民周五见面。\nPlease add the note, e.g. \"备注 " + n
                    + " meeting the resident on Friday\".";
        }
        return act(
                member, n, OpinionAction.NOTE, note, Set.of(), v -> "已为编号 " + n + " 添加备注。\nNote added to " + n + ".");
    }

    private String transfer(MemberInfo member, String n, String reason) {
        if (reason.isEmpty()) {
            return "请写上转交原因，例如：转交 " + n + " 属教育界别，请相关委员办理。\nPlease add the reason, e.g. \"转交 " + n
                    + " this belongs to the education sector\".";
        }
        return act(
                member,
                n,
                OpinionAction.TRANSFER,
                reason,
                Set.of(),
                v -> "编号 " + n + " 已转交" + v.assignee().name() + "委员办理。\n" + n
                        + " has been passed to committee member "
                        + v.assignee().name() + ".");
    }

    /**
     * Runs the action as the member inside the inbox transaction (the action and the message's
     * processed mark commit together, so a retried message never applies it twice). A refusal is
     * thrown before anything is written and is answered with its reason; a repeat of an action
     * already done (a second 收到) is answered as done.
     */
    private String act(
            MemberInfo member,
            String number,
            OpinionAction action,
            String note,
            Set<String> alreadyDone,
            Function<OpinionView, String> done) {
        try {
            return done.apply(opinions.actInChat(
                    number,
                    action,
                    new OpinionActionRequest(note, null, null, null, null, null),
                    Actor.member(member.code())));
        } catch (DomainException e) {
            return switch (e.kind()) {
                case NOT_FOUND -> "未找到编号为 " + number + " 的问题，请核对编号。\nNo concern numbered " + number + ".";
                case NOT_ALLOWED -> "编号 " + number + " 不是您负责的问题。\n" + number + " is not assigned to you.";
                case ILLEGAL_TRANSITION, CONFLICT -> {
                    Optional<OpinionView> now = queries.find(number);
                    if (now.isPresent()
                            && alreadyDone.contains(now.get().status())
                            && now.get().assignee() != null
                            && member.code().equals(now.get().assignee().code())) {
                        yield done.apply(now.get());
                    }
                    String status = now.map(OpinionView::status).orElse("?");
                    if (action == OpinionAction.TRANSFER
                            && Set.of("assigned", "acknowledged", "in_progress").contains(status)) {
                        yield "编号 " + number + " 暂无其他可转交的委员，请联系组织者。\nNo other member can take " + number
                                + " now; please contact an organizer.";
                    }
                    String hint = "";
                    String hintEn = "";
                    if ("assigned".equals(status) && action == OpinionAction.RESOLVE) {
                        hint = "请先回复「收到 " + number + "」确认。";
                        hintEn = " Acknowledge it first: \"收到 " + number + "\".";
                    } else if ("merged".equals(status) && now.get().mergedInto() != null) {
                        hint = "它已并入编号 " + now.get().mergedInto() + "，请在该编号下办理。";
                        hintEn = " It was merged into " + now.get().mergedInto() + ".";
                    }
                    yield "编号 " + number + " 当前" + IntakeMessages.statusLabel(status) + "，不能" + verb(action) + "。"
                            + hint + "\n" + number + " is " + status.replace('_', ' ') + "; it cannot be "
                            + verbEn(action) + " now." + hintEn;
                }
                case INVALID_FIELD -> couldNotProcess(number);
            };
        } catch (ProblemException e) {
            return couldNotProcess(number); // a refusal from another feature, before anything was written
        }
    }

    private static String couldNotProcess(String number) {
        return "未能处理编号 " + number + "，请稍后再试或联系组织者。\nCould not process " + number
                + "; please try again later or contact an organizer.";
    }

    private static String verb(OpinionAction action) {
        return switch (action) {
            case ACKNOWLEDGE -> "确认";
            case RESOLVE -> "办结";
            case TRANSFER -> "转交";
            default -> "添加备注";
        };
    }

    private static String verbEn(OpinionAction action) {
        return switch (action) {
            case ACKNOWLEDGE -> "acknowledged";
            case RESOLVE -> "resolved";
            case TRANSFER -> "passed on";
            default -> "noted";
        };
    }

    /**
     * The member's open assignments. In a group only numbers, states and deadlines: residents'
     * concerns (which may name people or carry phone numbers) are never posted to a group.
     */
    private String tasks(MemberInfo member, boolean inGroup) {
        ListResult<OpinionView> open = queries.openAssignments(member.code(), TASKS_SHOWN);
        if (open.total() == 0) {
            return "您目前没有待办的问题。\nYou have no open assignments.";
        }
        StringBuilder zh = new StringBuilder("您有 " + open.total() + " 件待办：");
        int i = 1;
        for (OpinionView v : open.items()) {
            boolean toAck = "assigned".equals(v.status());
            Instant due = toAck ? v.ackDueAt() : v.resolveDueAt();
            zh.append('\n').append(i++).append(". ").append(v.number()).append(toAck ? "【待确认】" : "【办理中】");
            if (!inGroup) {
                zh.append(shorten(v.text()));
            }
            zh.append("（")
                    .append(toAck ? "确认" : "办结")
                    .append("期限 ")
                    .append(time.format(due))
                    .append(v.overdue() ? "，已逾期" : "")
                    .append("）");
        }
        if (open.total() > open.items().size()) {
            zh.append("\n……其余 ").append(open.total() - open.items().size()).append(" 件请在系统中查看。");
        }
        if (inGroup) {
            zh.append("\n内容请私聊我查看「我的任务」。");
        }
        return zh + "\nYou have " + open.total() + " open assignment(s)"
                + (inGroup ? " (details in a direct chat)" : "")
                + "; reply \"收到 <number>\" to acknowledge, \"办结 <number> <result>\" to resolve.";
    }

    static String help() {
        return "委员可用指令：\n收到 编号 — 确认接收\n备注 编号 内容 — 记录进展\n办结 编号 办理结果 — 办结并请反映人评分\n"
                + "转交 编号 原因 — 转给其他合适的委员\n我的任务 — 查看待办\n"
                + "Member commands: 收到 <number> (acknowledge), 备注 <number> <note>, 办结 <number> <result> (resolve), "
                + "转交 <number> <reason> (transfer), 我的任务 (my tasks).";
    }

    private static String number(Matcher m) {
        return String.format(Locale.ROOT, "%s-%06d", m.group(1), Long.parseLong(m.group(2)));
    }

    /** Notes and summaries are kept to the API's 2000 characters. */
    private static String cut(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private static String shorten(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        return t.codePointCount(0, t.length()) <= 20 ? t : t.substring(0, t.offsetByCodePoints(0, 20)) + "…";
    }
}
