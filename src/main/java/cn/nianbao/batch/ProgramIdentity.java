package cn.nianbao.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import cn.nianbao.ingest.WorkbookIngester;
import cn.nianbao.template.TemplateCatalogue;
import cn.nianbao.validate.RuleBook;

/**
 * What the running program is, as far as a run's results go: its jars (path, size, modification time), the
 * shipped rule book and template catalogue, and the reader and logic versions. It is part of a run's fingerprint,
 * so after an upgrade the same command with the same files is a new run, not "the outputs still stand" from the
 * old program's rules.
 */
final class ProgramIdentity {

    private static volatile String current;

    private ProgramIdentity() {
    }

    /** The identity of this process's program, worked out once. */
    static String current() {
        String id = current;
        if (id == null) {
            id = current = of(System.getProperty("java.class.path", ""));
        }
        return id;
    }

    /** The identity of a program on {@code classPath} with this build's resources and versions. */
    static String of(String classPath) {
        MessageDigest md = cn.nianbao.model.Sha256.digest();
        cn.nianbao.model.Sha256.field(md, RunReuse.LOGIC_VERSION);
        cn.nianbao.model.Sha256.field(md, WorkbookIngester.READER_VERSION);
        cn.nianbao.model.Sha256.field(md, jars(classPath));
        for (String resource : new String[] {RuleBook.DEFAULT_RESOURCE, TemplateCatalogue.DEFAULT_RESOURCE}) {
            try (InputStream in = ProgramIdentity.class.getClassLoader().getResourceAsStream(resource)) {
                cn.nianbao.model.Sha256.field(md, resource);
                if (in != null) {
                    md.update(in.readAllBytes());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return HexFormat.of().formatHex(md.digest(), 0, 16);
    }

    /**
     * The class path's files (the jar, or the dependency jars of a build) by path, size and modification time. Run
     * from class folders (development, tests), only the versions and resources tell one build from another.
     */
    static String jars(String classPath) {
        StringBuilder b = new StringBuilder();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            try {
                Path p = Path.of(entry);
                if (Files.isRegularFile(p)) {
                    b.append(p.toAbsolutePath()).append(':').append(Files.size(p)).append(':')
                            .append(Files.getLastModifiedTime(p)).append('\n');
                }
            } catch (IOException | RuntimeException e) {
                b.append(entry).append(":?\n");
            }
        }
        return b.toString();
    }
}
