package dev.pipelinetriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A private certificate authority made with the JDK's keytool, as a company CA would be: its PEM certificate
 * ({@link #caPem}) and a PKCS#12 keystore ({@link #serverKeystore}) with a localhost server key whose certificate it
 * signed, chain included, for a TLS server to present. Each keytool run is a JVM of its own, so the test classes
 * share one ({@link Shared}) and a test that needs some other CA makes only its certificate ({@link #otherAuthority}).
 */
public record TestCa(Path caPem, Path serverKeystore, String password) {

    /**
     * Gives a {@code TestCa} parameter the CA made once for the whole test run (and deleted after it):
     * {@code @ExtendWith(TestCa.Shared.class)}, then {@code @BeforeAll static void start(TestCa ca)}.
     */
    public static final class Shared implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestCa.class);

        /** The CA's folder; the store closes it when the run ends. */
        private record Made(TestCa ca, Path dir) implements AutoCloseable {
            @Override
            public void close() throws IOException {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestCa.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Made.class, key -> {
                try {
                    Path dir = Files.createTempDirectory("test-ca-");
                    return new Made(create(dir), dir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while making the test CA", e);
                }
            }, Made.class).ca();
        }
    }

    /** The PEM certificate of a CA of its own, in {@code dir}: one that signed none of the shared CA's servers. */
    public static Path otherAuthority(Path dir) throws IOException, InterruptedException {
        String password = "changeit";
        Path store = dir.resolve("other-ca.p12");
        Path pem = dir.resolve("other-ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Pipeline Triage Test Other CA", "-ext", "bc:c", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", password);
        keytool("-exportcert", "-alias", "ca", "-keystore", store.toString(), "-storepass", password, "-rfc", "-file",
                pem.toString());
        return pem;
    }

    public static TestCa create(Path dir) throws IOException, InterruptedException {
        String password = "changeit";
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Path signed = dir.resolve("server.crt");
        Path caPem = dir.resolve("internal-ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Pipeline Triage Test Internal CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(),
                "-storetype", "PKCS12", "-storepass", password);
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", password);
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass", password, "-file", csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password, "-infile", csr.toString(),
                "-outfile", signed.toString(), "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth",
                "-validity", "2", "-rfc");
        keytool("-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password, "-rfc", "-file",
                caPem.toString());
        keytool("-importcert", "-alias", "ca", "-keystore", server.toString(), "-storepass", password, "-file",
                caPem.toString(), "-noprompt");
        keytool("-importcert", "-alias", "server", "-keystore", server.toString(), "-storepass", password, "-file",
                signed.toString());
        return new TestCa(caPem, server, password);
    }

    /**
     * The server's key and certificate chain as PEM files, for servers that read PEM (PostgreSQL); the key file is
     * readable by its owner only, as PostgreSQL demands.
     */
    public Path[] serverPemFiles(Path dir) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(serverKeystore)) {
            store.load(in, password.toCharArray());
        }
        java.util.Base64.Encoder base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        StringBuilder chain = new StringBuilder();
        for (java.security.cert.Certificate c : store.getCertificateChain("server")) {
            chain.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        byte[] key = store.getKey("server", password.toCharArray()).getEncoded(); // PKCS#8
        Path certFile = java.nio.file.Files.writeString(dir.resolve("server.crt.pem"), chain);
        Path keyFile = dir.resolve("server.key.pem");
        java.nio.file.Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(key)
                + "\n-----END PRIVATE KEY-----\n");
        java.nio.file.Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return new Path[] {certFile, keyFile};
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool " + String.join(" ", args) + ": " + output).isZero();
    }
}
