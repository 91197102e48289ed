package hub.gateway.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client would send (odd methods, broken request lines, lying
 * Content-Length headers). The request is written as given, the socket's output is then closed (so a body shorter
 * than announced ends instead of waiting for the server's time-out) and one answer is read: its head, then a body
 * by Content-Length, by chunks, or to the end of the stream.
 */
final class RawHttp {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private RawHttp() {
    }

    record Answer(int status, String head, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** Thrown when no complete answer arrives: nothing, a broken head, or a read time-out. */
    static final class NoAnswer extends Exception {
        NoAnswer(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    static Answer exchange(int port, byte[] request, boolean headRequest, int timeoutMillis) throws NoAnswer {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may answer and close before it has read everything (a refused head); read what it said.
            }
            InputStream in = socket.getInputStream();
            while (true) {
                String head = readHead(in);
                Answer answer = parseHead(head);
                if (answer.status() == 100) {
                    continue;
                }
                String body = headRequest || answer.status() == 204 || answer.status() == 304 ? "" : readBody(in, answer);
                return new Answer(answer.status(), head, answer.headers(), body);
            }
        } catch (IOException e) {
            throw new NoAnswer(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String readHead(InputStream in) throws IOException, NoAnswer {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new NoAnswer(head.size() == 0 ? "connection closed without an answer" : "answer head cut off", null);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new NoAnswer("answer head too long", null);
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static Answer parseHead(String head) throws NoAnswer {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new NoAnswer("not an HTTP status line: " + lines[0], null);
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new NoAnswer("not an HTTP status line: " + lines[0], e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(), (a, b) -> a + "," + b);
            }
        }
        return new Answer(status, head, headers, "");
    }

    private static String readBody(InputStream in, Answer answer) throws IOException, NoAnswer {
        Optional<String> length = answer.header("content-length");
        if (length.isPresent()) {
            int n = Integer.parseInt(length.get());
            byte[] body = in.readNBytes(n);
            if (body.length < n) {
                throw new NoAnswer("answer body cut off", null);
            }
            return new String(body, StandardCharsets.UTF_8);
        }
        if (answer.header("transfer-encoding").filter(te -> te.toLowerCase(Locale.ROOT).contains("chunked")).isPresent()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(in);
                int size = Integer.parseInt(sizeLine.split(";", 2)[0].strip(), 16);
                if (size == 0) {
                    line(in); // the empty line after the last chunk (no trailers are sent)
                    return body.toString(StandardCharsets.UTF_8);
                }
                body.write(in.readNBytes(size));
                line(in);
            }
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException, NoAnswer {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new NoAnswer("chunked answer cut off", null);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
