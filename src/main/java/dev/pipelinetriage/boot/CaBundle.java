package dev.pipelinetriage.boot;

import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.net.TlsTrust;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;

/**
 * Extra certificate authorities from a PEM file ({@value #ENV_VAR}), trusted in addition to the JDK's: internal
 * GitLab, Jenkins, Jira or PostgreSQL servers often carry certificates from a company CA the JDK does not know.
 * The JDK's own CAs stay trusted, so public services keep working with the same client.
 *
 * @param path the PEM file, also given to PostgreSQL as its root certificate when the URL names none
 * @param certificates the CA certificates read from it, at least one
 */
public record CaBundle(Path path, List<X509Certificate> certificates) {
    public static final String ENV_VAR = "PIPELINE_TRIAGE_CA_BUNDLE";

    public CaBundle {
        certificates = List.copyOf(certificates);
    }

    /** The bundle {@value #ENV_VAR} names, if it is set; an unreadable or certificate-less file is a ConfigException. */
    public static Optional<CaBundle> fromEnv(Map<String, String> env) {
        String value = env.getOrDefault(ENV_VAR, "");
        return value.isBlank() ? Optional.empty() : Optional.of(load(Path.of(value.strip())));
    }

    public static CaBundle load(Path path) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(path)) {
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (IOException e) {
            throw new ConfigException(ENV_VAR, "cannot read the CA bundle " + path + " (" + e.getClass().getSimpleName() + ")");
        } catch (CertificateException e) {
            throw new ConfigException(ENV_VAR, path + " is not a PEM file of certificates (" + e.getMessage() + ")");
        }
        if (certificates.isEmpty()) {
            throw new ConfigException(ENV_VAR, path + " holds no certificate (expected -----BEGIN CERTIFICATE----- blocks)");
        }
        return new CaBundle(path, certificates);
    }

    /** Trusts the JDK's default CAs and this bundle's, with the JDK's usual checks (chain, validity, usage). */
    public X509TrustManager trustManager() {
        return TlsTrust.withExtraAuthorities(certificates);
    }

    /** One line for {@code config check}: the file and whom its certificates name. */
    public String describe() {
        return path + ": " + certificates.size() + " certificate(s): " + String.join("; ", certificates.stream()
                .map(c -> c.getSubjectX500Principal().getName()).toList());
    }
}
