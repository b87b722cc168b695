package cn.nianbao.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import cn.nianbao.store.JobLocks;

/** The lock row's rules: free → taken; held and alive → refused; heartbeat stale or owner process gone → taken over. */
class JobLocksTest {

    private JdbcTemplate jdbc;
    private JobLocks locks;

    @BeforeEach
    void table() {
        jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:locks" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        jdbc.execute("CREATE TABLE nb_job_lock (job_name VARCHAR(200) NOT NULL PRIMARY KEY, owner VARCHAR(300) NOT NULL, "
                + "acquired_at TIMESTAMP NOT NULL, heartbeat TIMESTAMP NOT NULL)");
        locks = new JobLocks(jdbc, Duration.ofSeconds(30), Duration.ofSeconds(1));
    }

    @Test
    void aFreeLockIsTakenAndReleasedOnClose() throws Exception {
        Optional<JobLocks.Held> held = locks.acquire("job", Duration.ZERO);
        assertThat(held).isPresent();
        assertThat(locks.holder("job")).map(JobLocks.Holder::owner).contains(locks.owner());
        held.get().close();
        assertThat(locks.holder("job")).isEmpty();
    }

    @Test
    void aLiveHolderOnAnotherHostKeepsIt() throws Exception {
        hold("job", "4242@elsewhere#abcd1234", Instant.now());
        assertThat(locks.acquire("job", Duration.ZERO)).isEmpty();
        assertThat(locks.acquire("other-job", Duration.ZERO)).isPresent();
    }

    @Test
    void aStaleHeartbeatIsTakenOver() throws Exception {
        hold("job", "4242@elsewhere#abcd1234", Instant.now().minusSeconds(120));
        assertThat(locks.acquire("job", Duration.ZERO)).isPresent();
        assertThat(locks.holder("job")).map(JobLocks.Holder::owner).contains(locks.owner());
    }

    @Test
    void aLockOfADeadProcessOnThisHostIsTakenOverAtOnce() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        String host = locks.owner().substring(locks.owner().indexOf('@') + 1, locks.owner().indexOf('#'));
        hold("job", p.pid() + "@" + host + "#abcd1234", Instant.now());
        assertThat(locks.acquire("job", Duration.ZERO)).isPresent();
    }

    @Test
    void waitingGetsTheLockWhenTheHolderReleases() throws Exception {
        JobLocks.Held first = locks.acquire("job", Duration.ZERO).orElseThrow();
        JobLocks second = new JobLocks(jdbc, Duration.ofSeconds(30), Duration.ofSeconds(1));
        AtomicReference<Optional<JobLocks.Held>> got = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                got.set(second.acquire("job", Duration.ofMinutes(5)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        // released only once the second is seen waiting (asleep between two tries), so it did have to wait
        while (waiter.getState() != Thread.State.TIMED_WAITING) {
            assertThat(waiter.isAlive()).as("the second contender is waiting, not done").isTrue();
            Thread.onSpinWait();
        }
        assertThat(locks.holder("job")).map(JobLocks.Holder::owner).contains(locks.owner());
        first.close();
        waiter.join(Duration.ofMinutes(5).toMillis());
        assertThat(got.get()).isPresent();
        assertThat(locks.holder("job")).map(JobLocks.Holder::owner).contains(second.owner());
    }

    private void hold(String job, String owner, Instant heartbeat) {
        jdbc.update("INSERT INTO nb_job_lock VALUES (?,?,?,?)", job, owner, Timestamp.from(heartbeat), Timestamp.from(heartbeat));
    }

}
