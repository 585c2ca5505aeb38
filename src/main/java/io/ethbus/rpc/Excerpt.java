package io.ethbus.rpc;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A short, single-line excerpt of a body for error messages; never the whole payload. */
public final class Excerpt {
    static final int MAX = 200;

    private Excerpt() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        // Cut before folding white space: error paths may hold megabytes of bad answer.
        String head = text.length() <= MAX * 4 ? text : text.substring(0, MAX * 4);
        String oneLine = head.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX && head.length() == text.length()
                ? oneLine : oneLine.substring(0, Math.min(MAX, oneLine.length())) + "... (" + text.length() + " chars)";
    }

    public static String of(byte[] body) {
        if (body == null) {
            return "";
        }
        return of(List.of(body));
    }

    /** The excerpt of a body held as the chunks it arrived in; copies only the excerpt's bytes. */
    public static String of(List<byte[]> chunks) {
        long length = chunks.stream().mapToLong(c -> c.length).sum();
        int n = (int) Math.min(length, MAX * 4);
        byte[] head = new byte[n];
        int at = 0;
        for (int i = 0; i < chunks.size() && at < n; i++) {
            int take = Math.min(chunks.get(i).length, n - at);
            System.arraycopy(chunks.get(i), 0, head, at, take);
            at += take;
        }
        String s = of(new String(head, StandardCharsets.UTF_8));
        return length > n ? s + "... (" + length + " bytes)" : s;
    }
}
