package com.verity.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The host names requests may carry (verity.security.allowed-hosts and the public URL's): Spring
 * Security's firewall refuses any other with 400 before authentication, so a DNS-rebinding page
 * that points its own name at the service gets nothing.
 */
final class AllowedHosts {

    private AllowedHosts() {}

    static Set<String> of(SecurityProperties properties) {
        return properties.hosts().stream()
                .map(AllowedHosts::normalize)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Lowercase, without the brackets around an IPv6 address. */
    static String normalize(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.startsWith("[") && name.endsWith("]")
                ? name.substring(1, name.length() - 1)
                : name;
    }

    static StrictHttpFirewall firewall(Set<String> hosts) {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHostnames(host -> host != null && hosts.contains(normalize(host)));
        return firewall;
    }

    /** Answers a refused request with a problem detail that says what to configure. */
    static RequestRejectedHandler rejected(Set<String> hosts, ProblemResponses problems) {
        return (HttpServletRequest request,
                HttpServletResponse response,
                RequestRejectedException e) -> {
            String host = request.getServerName();
            boolean foreignHost = host == null || !hosts.contains(normalize(host));
            try {
                problems.write(
                        response,
                        foreignHost
                                ? ProblemResponses.problem(
                                        HttpStatus.BAD_REQUEST,
                                        "host-not-allowed",
                                        "Host not allowed",
                                        "This service does not answer to the host name in the request;"
                                                + " an admin can add it to verity.security.allowed-hosts"
                                                + " or set verity.security.public-url.")
                                : ProblemResponses.problem(
                                        HttpStatus.BAD_REQUEST,
                                        "request-rejected",
                                        "Request rejected",
                                        "The request's URL or headers are malformed (encoded slashes,"
                                                + " path traversal or control characters)."),
                        request);
            } catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        };
    }
}
