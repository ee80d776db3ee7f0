package dev.pipelinetriage.adapter.ci;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import okhttp3.Dns;

/**
 * Resolves at connect time (so a re-bound name is checked on every hop) and refuses private, loopback,
 * link-local and similar addresses unless that exact host name was configured.
 */
public final class GuardedDns implements Dns {
    private final Dns delegate;
    private final Set<String> trustedHosts;

    public GuardedDns(Dns delegate, Set<String> trustedHosts) {
        this.delegate = delegate;
        this.trustedHosts = Set.copyOf(trustedHosts);
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = delegate.lookup(hostname);
        if (trustedHosts.contains(hostname)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw new PrivateAddressException(hostname);
            }
        }
        return addresses;
    }

    /** Addresses an outside caller should never make us reach. */
    public static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                || (first == 198 && (second == 18 || second == 19)); // benchmarking
    }

    /** The host resolved to an internal address; the message is safe to show. */
    public static final class PrivateAddressException extends UnknownHostException {
        PrivateAddressException(String host) {
            super("refused to connect to '" + host + "': it resolves to a private or loopback address; configure "
                    + "that exact host to allow it");
        }
    }
}
