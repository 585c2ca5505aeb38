package io.ethbus.provider;

import io.ethbus.rpc.EndpointMask;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A node URL checked once for a provider: parseable, of the provider's scheme, with a host.
 * Every message shows the URL masked; the parser's own message repeats the raw URL (key and
 * all), so it and its cause are left out.
 */
final class EndpointUri {
    private EndpointUri() {
    }

    /**
     * @param what   how the message names the URL, e.g. {@code "HTTP provider URL"}
     * @param plain  the plain scheme ({@code http}, {@code ws}); {@code secure} its TLS twin
     */
    static URI parse(String url, String what, String plain, String secure) {
        String masked = EndpointMask.mask(url);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid " + what + " " + masked);
        }
        if (!plain.equalsIgnoreCase(uri.getScheme()) && !secure.equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(what + " must be " + plain + " or " + secure + ": " + masked);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(what + " has no host: " + masked);
        }
        return uri;
    }
}
