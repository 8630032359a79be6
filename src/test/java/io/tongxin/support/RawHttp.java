package io.tongxin.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 client over a bare socket, for requests no ordinary client sends: any bytes in the
 * query string (bad percent-escapes, raw UTF-8), any header value, a declared length that is not the
 * body's, or a chunked body. One request per connection.
 */
public final class RawHttp {

    /** What came back: the status (0 when the server closed without answering), content type and body. */
    public record Answer(int status, String contentType, String body) {}

    private RawHttp() {}

    /**
     * @param target        the request target as sent ({@code /webhooks/x?a=b}), bytes as given
     * @param headers       name/value pairs, sent as given
     * @param body          the body, or null for none
     * @param contentLength the Content-Length to declare: -1 for the body's, -2 for none and a chunked body
     */
    public static Answer send(
            int port, String method, byte[] target, List<String[]> headers, byte[] body, long contentLength)
            throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write((method + " ").getBytes(StandardCharsets.US_ASCII));
            head.write(target);
            head.write(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".getBytes(StandardCharsets.US_ASCII));
            for (String[] h : headers) {
                head.write((h[0] + ": " + h[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (body != null && contentLength == -2) {
                head.write("Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII));
            } else if (body != null) {
                long declared = contentLength == -1 ? body.length : contentLength;
                head.write(("Content-Length: " + declared + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            head.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(head.toByteArray());
                if (body != null && contentLength == -2) {
                    for (int i = 0; i < body.length; i += 8192) {
                        int n = Math.min(8192, body.length - i);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, i, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer (413) and close before the whole body is written: read what it said
            }
            return read(s.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0 && all.size() < 1 << 20) {
                all.write(buf, 0, n);
            }
        } catch (IOException e) {
            // a reset after the answer: keep what was read
        }
        String text = all.toString(StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.")) {
            return new Answer(0, null, text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int end = text.indexOf("\r\n\r\n");
        String headers = end < 0 ? text : text.substring(0, end);
        String contentType = null;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                contentType = line.substring(13).strip();
            }
        }
        return new Answer(status, contentType, end < 0 ? "" : text.substring(end + 4));
    }
}
