package cn.nianbao.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Java 17 decodes file names with the encoding of the process's locale (sun.jnu.encoding), fixed at JVM
 * start. Under cron, systemd or a bare container the locale is often POSIX, i.e. ASCII: every Chinese file
 * name then reads as "?????.xlsx", two agencies' files collide and nothing can be matched to the roster.
 * -Dsun.jnu.encoding does not fix directory listings, so the only remedy is a UTF-8 locale in the
 * environment (LANG=C.UTF-8), and the run refuses to start without one rather than consolidate garbage.
 *
 * <p>Not on Windows: there the JDK names files through the UTF-16 ("wide") Windows API whatever the code page,
 * and sun.jnu.encoding is the ANSI code page (GBK on a Chinese Windows), which would wrongly stop every run on
 * the machines most district offices use.
 */
public final class FileNameEncoding {

    private FileNameEncoding() {
    }

    /** Why file names cannot be read, or empty when the locale decodes them as UTF-8. */
    public static Optional<String> problem() {
        return problem(System.getProperty("sun.jnu.encoding"), System.getProperty("os.name", ""));
    }

    static Optional<String> problem(String jnuEncoding, String osName) {
        if (osName.startsWith("Windows")) {
            return Optional.empty();
        }
        if (jnuEncoding != null && Charset.isSupported(jnuEncoding)
                && Charset.forName(jnuEncoding).equals(StandardCharsets.UTF_8)) {
            return Optional.empty();
        }
        // ASCII only: a console in this locale shows Chinese as "?".
        return Optional.of("nianbao: the locale's file-name encoding is " + jnuEncoding + ", not UTF-8, so Chinese file"
                + " names cannot be read. Start it with a UTF-8 locale, e.g. LANG=C.UTF-8 java -jar nianbao.jar ..."
                + " (deploy/ shows it for cron and systemd).");
    }
}
