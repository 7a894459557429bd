package org.protocolregistry.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately bare HTTP/1.1 client for hostile-input tests: the request target and header
 * values go on the wire exactly as given (no URI validation, no header checks, no encoding), the
 * body as raw bytes, with or without Content-Length. One connection per request
 * ({@code Connection: close}), so that one broken request cannot disturb the next.
 */
public final class RawHttp {

    /** A header as sent; the value is written as ISO-8859-1 bytes, byte for byte. */
    public record Header(String name, String value) {
    }

    /**
     * @param chunked send the body with Transfer-Encoding: chunked instead of announcing its length
     */
    public record Request(String method, String target, List<Header> headers, byte[] body, boolean chunked) {
    }

    /** The answer; header names lower case. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int TIMEOUT_MILLIS = 60_000;

    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public Response send(Request request) throws IOException {
        try (var socket = new Socket()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setSendBufferSize(4 << 20);
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            var out = socket.getOutputStream();
            try {
                write(out, request);
            } catch (IOException refusedEarly) {
                // The server may answer (413) and close before reading the whole body; read what it said.
            }
            return read(socket.getInputStream());
        }
    }

    private void write(OutputStream out, Request request) throws IOException {
        var head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append(':').append(port).append("\r\n");
        head.append("Connection: close\r\n");
        for (var header : request.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        var body = request.body();
        if (body != null) {
            head.append(request.chunked() ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            if (request.chunked()) {
                for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                    var length = Math.min(64 * 1024, body.length - offset);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, offset, length);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write(body);
            }
        }
        out.flush();
    }

    private static Response read(InputStream in) throws IOException {
        var all = in.readAllBytes();
        var headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (headEnd < 0) {
            throw new IOException("no complete response head in " + all.length + " bytes: "
                    + new String(all, 0, Math.min(all.length, 200), StandardCharsets.ISO_8859_1));
        }
        var lines = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        var status = Integer.parseInt(lines[0].split(" ", 3)[1]);
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            var colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        var body = java.util.Arrays.copyOfRange(all, headEnd + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        var out = new ByteArrayOutputStream();
        var position = 0;
        var crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        while (true) {
            var lineEnd = indexOf(chunked, crlf, position);
            if (lineEnd < 0) {
                throw new IOException("truncated chunked body");
            }
            var sizeText = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
            var size = Integer.parseInt(sizeText.split(";")[0].trim(), 16);
            position = lineEnd + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(chunked, position, size);
            position += size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Percent-encodes text as UTF-8 for a path segment or query value: only unreserved characters stay. */
    public static String encode(String text) {
        var out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** A header list from name/value pairs. */
    public static List<Header> headers(String... namesAndValues) {
        var headers = new ArrayList<Header>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(new Header(namesAndValues[i], namesAndValues[i + 1]));
        }
        return headers;
    }
}
