package io.tongxin.dashboard;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * What the dashboard says (zh-CN): every label, title and sentence the Java side puts on a page. The
 * wording lives in {@code src/main/resources/messages/dash.properties}, one key per method; the
 * templates use the same bundle as {@code {dash:key}}. Words for wire values (statuses, history
 * entries, event kinds, report fields) are one message each with a {@code {#when}} over the value,
 * the value itself when unknown.
 */
@MessageBundle(value = "dash", locale = "zh")
public interface DashboardMessages {

    // access and errors

    String loginInvalid();

    String notLoggedIn();

    String bearerInvalid();

    String forbidden();

    String membersOnly();

    /** The title of the page that refuses a request ({@code status}: 400, 404, 403, 409). */
    String refusedTitle(int status);

    /** What was wrong with the query parameter {@code field}. */
    String badField(String field, String fieldName);

    /** The words for a query parameter of the dashboard's pages. */
    String fieldName(String field);

    // words for wire values

    String opinionStatus(String status);

    String history(String type);

    String eventStatus(String status);

    String eventKind(String kind);

    String sessionStatus(String status);

    /** The column head of a field in the workstation and member tables (and the bulletin's). */
    String column(String field);

    /** A cell of those tables (its tooltip-free label). */
    String cell(String field);

    // overview

    String gaugeResponseRate();

    String gaugeResolutionRate();

    String gaugeSatisfactionRate();

    /** A figure box of the overview. */
    String overview(String field);

    String trendFiled();

    String trendResolved();

    // tables

    String membersTitle();

    String workstationsTitle();

    String unnamed();

    // events

    /** A figure of an event card. */
    String event(String field);

    String noCommunity();

    String seriesRegistered();

    String seriesWaitlisted();

    String seriesQuota();

    String attended();

    // delivery

    /** A figure of the delivery table. */
    String delivery(String field);

    String seriesSent();

    String seriesDead();

    String seriesPending();

    // bulletin

    /** A box of the monthly bulletin. */
    String bulletin(String field);

    String bulletinTitle(int year, int month);

    String bulletinOpinions(
            String title,
            long filed,
            long assigned,
            long inTime,
            String responseRate,
            long resolved,
            String resolutionRate);

    String bulletinRatings(
            long rated,
            long satisfied,
            String satisfactionRate,
            long reported,
            long adopted,
            long backlog,
            long overdue);

    String bulletinEvents(long events, long registered, long attended);

    // period presets

    String presetThisMonth();

    String presetLastMonth();

    String presetLast30Days();

    String presetThisYear();
}
