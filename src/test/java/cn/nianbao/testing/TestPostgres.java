package cn.nianbao.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server for the test JVM (started from Maven Central's embedded binaries on first use, stopped
 * when the JVM exits), and a fresh database on it for each test that asks. Starting a server per test class costs
 * seconds each; a database of its own keeps each test's rows apart.
 */
public final class TestPostgres {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting; the server's own folder is temporary
                }
            }));
        }
        return server;
    }

    /** Creates a new empty database and returns its JDBC URL. */
    public static String newDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return server().getJdbcUrl(USER, name);
    }
}
