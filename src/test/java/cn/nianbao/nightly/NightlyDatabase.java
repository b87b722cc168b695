package cn.nianbao.nightly;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.testing.TestPostgres;

/**
 * Where a nightly test's runs keep their history: the default H2 file beside the output folder (no argument, as a
 * user runs it), or a database of the test's own on the suite's PostgreSQL server (named by
 * {@code --spring.datasource.url}). Tests run their scenario once for each {@link Kind}.
 */
final class NightlyDatabase {

    enum Kind {
        H2, POSTGRES
    }

    private final Kind kind;
    private final Path out;
    private final String url;

    private NightlyDatabase(Kind kind, Path out, String url) {
        this.kind = kind;
        this.out = out;
        this.url = url;
    }

    /** A database for runs writing to {@code out}: H2's default file beside it, or a new PostgreSQL database. */
    static NightlyDatabase of(Kind kind, Path out) {
        return kind == Kind.H2 ? new NightlyDatabase(kind, out, null)
                : new NightlyDatabase(kind, out, TestPostgres.newDatabase("nightly"));
    }

    Kind kind() {
        return kind;
    }

    /** The command's arguments followed by those that select this database. */
    String[] args(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (url != null) {
            all.add("--spring.datasource.url=" + url);
            all.add("--spring.datasource.username=" + TestPostgres.USER);
            all.add("--spring.datasource.password=" + TestPostgres.PASSWORD);
        }
        return all.toArray(String[]::new);
    }

    Connection connect() throws Exception {
        return url == null ? DriverManager.getConnection(NianbaoApplication.defaultDatabaseUrl(out), "sa", "")
                : DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
    }
}
