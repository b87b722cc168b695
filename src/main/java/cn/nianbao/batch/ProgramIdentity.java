package cn.nianbao.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import cn.nianbao.model.Sha256;

/**
 * What the running program is, taken from the build itself: a digest of every class, resource and library it runs
 * with. Every reuse decision is keyed by it — content read from a file, a run's findings and roll-up, an output left
 * in place — so any change to the program (a fix in the reader, a new rule, a new library) makes the next run read,
 * check and write everything again, and nobody has to remember to bump a version.
 *
 * <p>From a jar (the product, {@code java -jar nianbao.jar}) the digest covers each entry's name, size and CRC-32 as
 * the jar's directory records them (the nested libraries are entries too): content-derived, and read without
 * inflating anything. From class folders (tests, a development run) it covers the folders' files by content and
 * the library jars' directories the same way.
 */
public final class ProgramIdentity {

    private static volatile String current;

    private ProgramIdentity() {
    }

    /** The identity of this process's program, worked out once. */
    public static String current() {
        String id = current;
        if (id == null) {
            id = current = of(System.getProperty("java.class.path", ""));
        }
        return id;
    }

    /** The identity of the program on {@code classPath}. */
    static String of(String classPath) {
        MessageDigest md = Sha256.digest();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry);
            try {
                if (Files.isRegularFile(p)) {
                    jar(md, p);
                } else if (Files.isDirectory(p)) {
                    folder(md, p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the program's own " + p, e);
            }
        }
        return HexFormat.of().formatHex(md.digest(), 0, 16);
    }

    private static void jar(MessageDigest md, Path jar) throws IOException {
        Sha256.field(md, jar.getFileName().toString());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> lines = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry e = all.nextElement();
                lines.add(e.getName() + ':' + e.getSize() + ':' + Long.toHexString(e.getCrc()));
            }
            lines.sort(null);
            lines.forEach(line -> Sha256.field(md, line));
        }
    }

    private static void folder(MessageDigest md, Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        byte[] buffer = new byte[8192];
        for (Path f : files) {
            Sha256.field(md, folder.relativize(f).toString().replace('\\', '/'));
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    md.update(buffer, 0, n);
                }
            }
        }
    }
}
