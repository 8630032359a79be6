package io.tongxin.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A certificate list as a spreadsheet (CSV, UTF-8 with BOM so Excel reads Chinese). The printable page
 * is the Qute template {@code templates/event/certificates.html}.
 */
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
}
