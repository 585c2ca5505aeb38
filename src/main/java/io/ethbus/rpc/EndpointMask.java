package io.ethbus.rpc;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masks secrets in an endpoint URL before it appears in a message or a log line. Closed by
 * default: the scheme, host and port stay visible; userinfo, every path segment and every
 * query parameter are masked unless they are known not to be secrets. Known not to be
 * secrets: an empty path or {@code /}, and path segments that are one of a few well-known
 * words ({@link #PLAIN_SEGMENTS}, any case). Query parameter names before {@code =} stay
 * visible, their values never; a parameter without {@code =} is masked whole. The fragment
 * is dropped.
 *
 * <pre>EndpointMask.mask("https://user:pw@eth.example/v3/s3cr3tK3y?apikey=x") // https://***@eth.example/v3/***?apikey=***</pre>
 */
public final class EndpointMask {
    /** Path segments that name a route, never a key: the usual API prefixes, transports and networks. */
    public static final Set<String> PLAIN_SEGMENTS = Set.of(
            "rpc", "api", "ws", "wss", "http", "https", "v1", "v2", "v3", "eth", "ethereum",
            "mainnet", "sepolia", "holesky");
    private static final String MASK = "***";
    // up to the last @ of the authority: a password may hold a raw @
    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#]*@");

    private EndpointMask() {
    }

    /** The URL with every part that may be a secret replaced by {@code ***}; null stays null. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String s = USERINFO.matcher(url).replaceFirst("$1" + MASK + "@");
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        String query = "";
        int q = s.indexOf('?');
        if (q >= 0) {
            query = maskQuery(s.substring(q + 1));
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
            String segment = segments[i];
            boolean plain = segment.isEmpty() || PLAIN_SEGMENTS.contains(segment.toLowerCase(Locale.ROOT));
            path.append(plain ? segment : MASK);
        }
        return s.substring(0, pathStart) + path + query;
    }

    private static String maskQuery(String query) {
        if (query.isEmpty()) {
            return "?";
        }
        StringBuilder out = new StringBuilder("?");
        String[] params = query.split("&", -1);
        for (int i = 0; i < params.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            int eq = params[i].indexOf('=');
            // a name=value pair keeps its name; a bare parameter may itself be the key
            out.append(eq >= 0 ? params[i].substring(0, eq + 1) + MASK : params[i].isEmpty() ? "" : MASK);
        }
        return out.toString();
    }
}
