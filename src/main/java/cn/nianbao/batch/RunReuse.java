package cn.nianbao.batch;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.nianbao.ingest.ReadLimits;
import cn.nianbao.job.RunDefinition;
import cn.nianbao.store.RunStore;

/**
 * Re-run with nothing changed: when a run's files are those of the job's previous completed run (same paths,
 * SHA-256, sizes and what ingest made of them) and so is everything else its findings and roll-up follow from
 * (the basis: job definition, rule file, read limits, this program), validate and roll-up copy that run's
 * rows instead of recomputing them. Validate also needs the other runs its history look-ups see to be
 * unchanged (history stamp). Modification times are compared too when the run has duplicate submissions
 * (the newest one wins).
 */
@Component
public class RunReuse {

    private final RunStore store;
    private final ReadLimits limits;

    public RunReuse(RunStore store, ReadLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    /** The hash of what a run's results follow from besides its files and the other runs: its stored definition, this program. */
    public String basis(RunDefinition definition) {
        MessageDigest md = cn.nianbao.model.Sha256.digest();
        cn.nianbao.model.Sha256.field(md, ProgramIdentity.current());
        cn.nianbao.model.Sha256.field(md, limits.toString());
        cn.nianbao.model.Sha256.field(md, definition.job().toString()); // name, years, folders, units and roster
        cn.nianbao.model.Sha256.field(md, definition.rulesText() == null ? "-" : definition.rulesText());
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * The previous completed run of the job whose rows this run may copy, if there is one: same basis, same
     * files (with their modification times when {@code modified}), and with {@code history} the same other runs.
     */
    public Optional<Long> reusable(String jobName, long run, String basis, boolean modified, boolean history) {
        Optional<Earlier> earlier = previousOfBasis(jobName, run, basis);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        long before = earlier.get().run();
        if (history && !earlier.get().historyStamp().equals(store.historyStamp(before, run))) {
            return Optional.empty();
        }
        return store.sameRunFiles(before, run, modified) ? Optional.of(before) : Optional.empty();
    }

    /** The job's previous completed run, if it ran under {@code basis}: what a file it read unchanged would give again. */
    public Optional<Long> previousOfSameBasis(String jobName, long run, String basis) {
        return previousOfBasis(jobName, run, basis).map(Earlier::run);
    }

    /** A completed run and the stamp of the other runs its history look-ups saw. */
    private record Earlier(long run, String historyStamp) {
    }

    /** The job's previous completed run, if it ran under {@code basis}. */
    private Optional<Earlier> previousOfBasis(String jobName, long run, String basis) {
        Optional<RunStore.CompletedRun> previous = store.previousCompletedRun(jobName, run);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        long before = previous.get().jobInstanceId();
        Optional<String[]> recorded = store.runBasis(before);
        if (recorded.isEmpty() || !recorded.get()[0].equals(basis)) {
            return Optional.empty();
        }
        return Optional.of(new Earlier(before, recorded.get()[1]));
    }

    /**
     * The key of a report's own checks (the rules within one report): its file, content and place in the file, the
     * agency, year, format and scope it was read as, and the run's basis (program, job definition, rule file). The
     * same key gives the same findings.
     */
    public static String reportKey(String basis, cn.nianbao.model.ReportHeader r) {
        return cn.nianbao.model.Sha256.keyOf(basis, r.submission().path(), r.submission().sha256(), r.part().index(),
                r.part().sheet(), r.agency().code(), r.agency().name(), r.agency().kind(), r.agency().parent(),
                r.agency().aliases(), r.year(), r.format(), r.scope());
    }
}
