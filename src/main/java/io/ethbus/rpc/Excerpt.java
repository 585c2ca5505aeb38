package io.ethbus.rpc;

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
        int n = Math.min(body.length, MAX * 4);
        String s = of(new String(body, 0, n, java.nio.charset.StandardCharsets.UTF_8));
        return body.length > n ? s + "... (" + body.length + " bytes)" : s;
    }
}
