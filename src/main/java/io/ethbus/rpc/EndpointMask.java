package io.ethbus.rpc;

import java.util.regex.Pattern;

/**
 * Masks secrets in an endpoint URL before it appears in a message or a log line:
 * userinfo, every query value, and path segments that look like API keys (16 or more
 * characters of letters, digits, '-' or '_' with at least one digit).
 *
 * <pre>EndpointMask.mask("https://user:pw@eth.example/v3/0123456789abcdef0123") // https://***@eth.example/v3/***</pre>
 */
public final class EndpointMask {
    private static final Pattern KEY_LIKE = Pattern.compile("(?=[A-Za-z_-]*[0-9])[A-Za-z0-9_-]{16,}");
    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#]*@");
    private static final Pattern QUERY_VALUE = Pattern.compile("=([^&#]*)");

    private EndpointMask() {
    }

    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String s = USERINFO.matcher(url).replaceFirst("$1***@");
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        String query = "";
        int q = s.indexOf('?');
        if (q >= 0) {
            query = "?" + QUERY_VALUE.matcher(s.substring(q + 1)).replaceAll("=***");
            s = s.substring(0, q);
        }
        int schemeEnd = s.indexOf("://");
        int pathStart = s.indexOf('/', schemeEnd < 0 ? 0 : schemeEnd + 3);
        if (pathStart < 0) {
            return s + query;
        }
        String[] segments = s.substring(pathStart).split("/", -1);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                path.append('/');
            }
            path.append(KEY_LIKE.matcher(segments[i]).matches() ? "***" : segments[i]);
        }
        return s.substring(0, pathStart) + path + query;
    }
}
