package io.tongxin.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A certificate list as a spreadsheet (CSV, UTF-8 with BOM so Excel reads Chinese) and as a printable page. */
public final class CertificateDocuments {

    private static final String[] HEADER = {
        "registrationCode",
        "participantName",
        "communityCode",
        "communityName",
        "attended",
        "sessions",
        "eventCode",
        "eventTitle"
    };

    private CertificateDocuments() {}

    public static byte[] csv(CertificateList list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write('\uFEFF'); // before the header row, which the printer writes when it is created
            CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(HEADER).get().print(w);
            for (CertificateList.Certificate c : list.items()) {
                csv.printRecord(
                        c.registrationCode(),
                        c.participantName(),
                        c.communityCode(),
                        c.communityName(),
                        c.attended(),
                        list.scheduledSessions(),
                        list.eventCode(),
                        list.title());
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One certificate a printed page, names escaped. */
    public static String html(CertificateList list) {
        StringBuilder h = new StringBuilder(1024 + 512 * list.items().size());
        h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(list.title()))
                .append(" · 结业证书 Certificates</title>\n<style>\n")
                .append("body{font-family:serif;margin:0}\n")
                .append(".certificate{page-break-after:always;border:6px double #8b0000;margin:2cm;padding:2cm;")
                .append("text-align:center}\n")
                .append(
                        ".certificate h1{font-size:2.2em;letter-spacing:.3em}\n.name{font-size:1.8em;font-weight:bold}\n")
                .append("@media print{.certificate{margin:1cm}}\n</style>\n</head>\n<body>\n");
        if (list.items().isEmpty()) {
            h.append("<p>暂无结业证书 / No certificates yet.</p>\n");
        }
        for (CertificateList.Certificate c : list.items()) {
            h.append("<section class=\"certificate\">\n<h1>结业证书</h1>\n<p>Certificate of completion</p>\n")
                    .append("<p class=\"name\">")
                    .append(escape(c.participantName()))
                    .append("</p>\n<p>");
            if (c.communityName() != null) {
                h.append(escape(c.communityName())).append(" · ");
            }
            h.append("参加「")
                    .append(escape(list.title()))
                    .append("」")
                    .append(list.scheduledSessions())
                    .append(" 次课程中的 ")
                    .append(c.attended())
                    .append(" 次，准予结业。</p>\n<p>Attended ")
                    .append(c.attended())
                    .append(" of ")
                    .append(list.scheduledSessions())
                    .append(" sessions of “")
                    .append(escape(list.title()))
                    .append("”.</p>\n<p class=\"code\">")
                    .append(escape(c.registrationCode()))
                    .append("</p>\n</section>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
