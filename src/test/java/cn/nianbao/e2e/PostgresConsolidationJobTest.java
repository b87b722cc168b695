package cn.nianbao.e2e;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The same end-to-end job on a real PostgreSQL server (started from Maven Central's embedded binaries,
 * so CI needs no database service), one fresh database per test.
 */
class PostgresConsolidationJobTest extends ConsolidationJobTestBase {

    private static EmbeddedPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private String database;

    @Override
    List<String> databaseArgs() throws Exception {
        if (database == null) {
            database = "nianbao_" + DATABASES.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            }
        }
        return List.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", database),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
    }
}
