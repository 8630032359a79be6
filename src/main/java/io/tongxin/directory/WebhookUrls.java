package io.tongxin.directory;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Masking of robot webhook URLs: the query carries the key that lets anyone post to a group, so
 * every query value (and any user info) is replaced by {@code ****}, keeping the rest readable.
 */
final class WebhookUrls {

    private WebhookUrls() {}

    static String mask(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = new URI(url);
            StringBuilder sb = new StringBuilder();
            sb.append(u.getScheme()).append("://");
            if (u.getRawUserInfo() != null) {
                sb.append("****@");
            }
            sb.append(u.getRawAuthority().substring(u.getRawAuthority().indexOf('@') + 1));
            if (u.getRawPath() != null) {
                sb.append(u.getRawPath());
            }
            if (u.getRawQuery() != null) {
                sb.append('?');
                String[] pairs = u.getRawQuery().split("&", -1);
                for (int i = 0; i < pairs.length; i++) {
                    int eq = pairs[i].indexOf('=');
                    sb.append(i == 0 ? "" : "&").append(eq < 0 ? "****" : pairs[i].substring(0, eq + 1) + "****");
                }
            }
            return sb.toString();
        } catch (URISyntaxException | RuntimeException e) {
            return "****";
        }
    }

    /** True for an absolute http(s) URL with a host. */
    static boolean valid(String url) {
        try {
            URI u = new URI(url);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && u.getHost() != null
                    && u.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Whether the URL has a non-empty {@code key} query parameter, as a WeCom group robot's send URL does. */
    static boolean hasKey(String url) {
        try {
            String query = new URI(url).getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.startsWith("key=") && pair.length() > 4) {
                        return true;
                    }
                }
            }
            return false;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
