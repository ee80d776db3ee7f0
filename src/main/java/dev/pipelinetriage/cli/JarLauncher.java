package dev.pipelinetriage.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The jar's entry point, compiled for Java 8 (a separate compiler execution in pom.xml) so that any Java can load
 * it: on a Java older than 21 it says what to do instead of failing with {@code UnsupportedClassVersionError}, and
 * otherwise it hands over to {@link Main} by reflection, since naming {@code Main} would make an old JVM load it.
 * Java 8 language only here: no {@code var}, records or switch expressions.
 */
public final class JarLauncher {
    /** The oldest Java the rest of the jar runs on (maven.compiler.release). */
    static final int REQUIRED = 21;
    static final int TOO_OLD_EXIT = 2;

    private JarLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        int running = feature(System.getProperty("java.specification.version", "0"));
        if (running < REQUIRED) {
            System.err.println(tooOld(running, System.getProperty("java.home", "?")));
            System.exit(TOO_OLD_EXIT);
            return;
        }
        Method main = Class.forName("dev.pipelinetriage.cli.Main").getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The feature release of a {@code java.specification.version}: "1.8" is 8, "17" is 17. */
    static int feature(String specification) {
        String s = specification.startsWith("1.") ? specification.substring(2) : specification;
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
    }

    static String tooOld(int running, String javaHome) {
        return "pipeline-triage needs Java " + REQUIRED + " or newer, but this is Java " + running + " (" + javaHome + ").\n"
                + "  Run ./pipeline-triage instead of java -jar: it finds an installed JDK " + REQUIRED + "+ by itself,\n"
                + "  or run the jar with a newer java: /path/to/jdk-" + REQUIRED + "/bin/java -jar pipeline-triage.jar ...\n"
                + "  (or set JAVA_HOME to a JDK " + REQUIRED + "+ and put $JAVA_HOME/bin first on the PATH).";
    }
}
