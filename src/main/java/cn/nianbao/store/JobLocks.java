package cn.nianbao.store;

import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One run at a time per job, across processes and machines sharing a database: a row in
 * {@code nb_job_lock} per running job. The holder refreshes its heartbeat on a background thread; a
 * row whose heartbeat is older than {@code staleAfter}, or whose owner was a process on this host that
 * no longer exists, belongs to a run that died (kill -9, power loss) and is taken over. Heartbeats are written
 * and judged by the database's clock ({@code CURRENT_TIMESTAMP}), never a process's: machines in other time
 * zones, or with clocks minutes apart, agree on whether a lock is alive.
 */
public class JobLocks {

    private static final Logger log = LoggerFactory.getLogger(JobLocks.class);

    /** Who holds a job's lock, for the message to the one refused. */
    public record Holder(String jobName, String owner, Instant acquiredAt, Instant heartbeat) {
    }

    private final JdbcTemplate jdbc;
    private final Duration staleAfter;
    private final Duration heartbeatEvery;
    private final String me;

    public JobLocks(JdbcTemplate jdbc, Duration staleAfter, Duration heartbeatEvery) {
        this.jdbc = jdbc;
        this.staleAfter = staleAfter;
        this.heartbeatEvery = heartbeatEvery;
        this.me = ProcessHandle.current().pid() + "@" + hostName() + "#" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This process's owner name: pid@host#random. */
    public String owner() {
        return me;
    }

    /**
     * Takes the job's lock if it is free or stale; otherwise waits up to {@code wait} (zero: not at all).
     *
     * @return the held lock (close it to release), or empty with the current holder still holding it
     */
    public Optional<Held> acquire(String jobName, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos(); // elapsed time on this machine: no clock to disagree with
        while (true) {
            if (tryAcquire(jobName)) {
                return Optional.of(new Held(jobName));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Thread.sleep(Math.min(2_000, Math.max(100, left / 1_000_000)));
        }
    }

    public Optional<Holder> holder(String jobName) {
        List<Holder> rows = jdbc.query("SELECT * FROM nb_job_lock WHERE job_name = ?", (rs, i) -> new Holder(
                rs.getString("job_name"), rs.getString("owner"), rs.getObject("acquired_at", OffsetDateTime.class).toInstant(),
                rs.getObject("heartbeat", OffsetDateTime.class).toInstant()), jobName);
        return rows.stream().findFirst();
    }

    /** Whether the job's lock is held by a live run now, as the database's clock judges the heartbeat. */
    public Optional<Holder> liveHolder(String jobName) {
        return holder(jobName).filter(h -> !isStale(h));
    }

    private boolean tryAcquire(String jobName) {
        try {
            jdbc.update("INSERT INTO nb_job_lock (job_name, owner, acquired_at, heartbeat) VALUES (?,?,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)",
                    jobName, me);
            return true;
        } catch (DuplicateKeyException taken) {
            Optional<Holder> holder = holder(jobName);
            if (holder.isEmpty()) {
                return false; // released between our insert and our look: try again on the next round
            }
            Holder h = holder.get();
            if (!isStale(h)) {
                return false;
            }
            // Only one contender wins the take-over: the update names the dead owner it replaces.
            int taken2 = jdbc.update("UPDATE nb_job_lock SET owner = ?, acquired_at = CURRENT_TIMESTAMP, heartbeat = CURRENT_TIMESTAMP "
                    + "WHERE job_name = ? AND owner = ?", me, jobName, h.owner());
            if (taken2 == 1) {
                log.warn("作业「{}」的运行锁由已失效的进程 {} 持有（最近心跳 {}），已接管", jobName, h.owner(), h.heartbeat());
            }
            return taken2 == 1;
        }
    }

    /**
     * A lock is stale when its heartbeat stopped (by the database's clock), or at once when its owner was a process on
     * this host that is gone.
     */
    boolean isStale(Holder h) {
        Instant databaseNow = jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", (rs, i) -> rs.getObject(1, OffsetDateTime.class).toInstant());
        if (h.heartbeat().isBefore(databaseNow.minus(staleAfter))) {
            return true;
        }
        String owner = h.owner();
        int at = owner.indexOf('@');
        int hash = owner.indexOf('#');
        if (at <= 0 || hash <= at) {
            return false;
        }
        String host = owner.substring(at + 1, hash);
        if (!host.equals(hostName())) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(0, at));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    /** A held lock: its heartbeat runs until it is closed, which releases it. */
    public final class Held implements AutoCloseable {

        private final String jobName;
        private final ScheduledExecutorService heartbeat;

        private Held(String jobName) {
            this.jobName = jobName;
            this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nianbao-lock-heartbeat");
                t.setDaemon(true);
                return t;
            });
            long every = heartbeatEvery.toMillis();
            heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        }

        private void beat() {
            try {
                int n = jdbc.update("UPDATE nb_job_lock SET heartbeat = CURRENT_TIMESTAMP WHERE job_name = ? AND owner = ?",
                        jobName, me);
                if (n == 0) {
                    log.error("作业「{}」的运行锁已被其他进程接管（本进程心跳曾中断超过 {}）", jobName, staleAfter);
                }
            } catch (RuntimeException e) {
                log.warn("运行锁心跳失败：{}", e.getMessage());
            }
        }

        @Override
        public void close() {
            // shutdown, not shutdownNow: an interrupt landing while a beat writes closes the embedded database's file
            // channel (Java closes an interruptible channel on interrupt), and H2 then fails every later statement
            heartbeat.shutdown();
            boolean interrupted = false;
            try {
                if (!heartbeat.awaitTermination(30, TimeUnit.SECONDS)) {
                    log.warn("作业「{}」的运行锁心跳 30 秒内未结束", jobName);
                }
            } catch (InterruptedException e) {
                interrupted = true; // kept for after the release, which must not write with the flag set
            }
            jdbc.update("DELETE FROM nb_job_lock WHERE job_name = ? AND owner = ?", jobName, me);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
