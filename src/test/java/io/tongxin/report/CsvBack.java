package io.tongxin.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a report's CSV answer back with commons-csv and compares it with the JSON items. */
final class CsvBack {

    private CsvBack() {}

    /** Checks type, BOM and header, and answers the records. */
    static List<CSVRecord> parse(Response r, List<String> header) {
        assertEquals("text/csv;charset=UTF-8", r.contentType().replace(" ", ""));
        byte[] bytes = r.asByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 BOM");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        try (CSVParser p = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text))) {
            assertEquals(header, p.getHeaderNames());
            return p.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every JSON field of every item equals its cell: numbers by value, null as the empty cell. */
    static void sameAsJson(List<CSVRecord> records, List<Map<String, Object>> items, List<String> fields) {
        assertEquals(items.size(), records.size(), "rows");
        for (int i = 0; i < items.size(); i++) {
            for (String f : fields) {
                Object json = items.get(i).get(f);
                String cell = records.get(i).get(f);
                if (json == null) {
                    assertEquals("", cell, f + " of row " + i);
                } else if (json instanceof Number n) {
                    assertEquals(n.doubleValue(), Double.parseDouble(cell), 1e-12, f + " of row " + i);
                } else {
                    assertEquals(json.toString(), cell, f + " of row " + i);
                }
            }
        }
    }
}
