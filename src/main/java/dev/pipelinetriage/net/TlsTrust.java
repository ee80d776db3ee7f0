package dev.pipelinetriage.net;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust decisions for TLS clients: the JDK's certificate authorities plus a company's own (a CA bundle), so internal
 * servers and public services work with the same client. Give the result to {@link HttpClients#newShared}.
 */
public final class TlsTrust {
    private TlsTrust() {
    }

    /** Trusts the JDK's default CAs and {@code extra}, with the JDK's usual checks (chain, validity, usage). */
    public static X509TrustManager withExtraAuthorities(Collection<X509Certificate> extra) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int n = 0;
            for (X509Certificate jdk : x509(null).getAcceptedIssuers()) {
                anchors.setCertificateEntry("jdk-" + n++, jdk);
            }
            for (X509Certificate certificate : extra) {
                anchors.setCertificateEntry("extra-" + n++, certificate);
            }
            return x509(anchors);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store with " + extra.size()
                    + " extra certificate(s): " + e.getMessage(), e);
        }
    }

    private static X509TrustManager x509(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }
}
