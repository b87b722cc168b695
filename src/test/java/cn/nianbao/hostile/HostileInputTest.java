package cn.nianbao.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.testing.CsvFiles;
import cn.nianbao.NianbaoApplication;

/**
 * "Every bad file is a finding, and the run goes on": one input folder holding every kind of hostile
 * file next to good workbooks, run through the real job. Each bad file must get exactly its PARSE-*
 * finding with a Chinese message that tells the agency what to do, the good ones must be read, no input
 * may change, and the run must neither hang nor run out of memory.
 */
class HostileInputTest {

    @TempDir
    static Path tmp;
    static Path in;
    static Path outside;
    static java.math.BigDecimal circularCachedValue;
    static Map<Path, String> hashesBefore;

    @BeforeAll
    static void writeCorpus() throws Exception {
        in = tmp.resolve("input");
        outside = tmp.resolve("outside");
        circularCachedValue = HostileCorpus.write(in, outside);
        hashesBefore = hashes();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyBadFileIsAFindingAndTheRunGoesOn() throws Exception {
        Path out = tmp.resolve("in-process").resolve("out");
        int exit = NianbaoApplication.run(new String[] {"consolidate", "--input", in.toString(), "--out", out.toString(),
                "--year", String.valueOf(HostileCorpus.YEAR)});

        assertThat(exit).isZero();

        List<Map<String, String>> exceptions = CsvFiles.rows(out.resolve("exceptions.csv"));
        List<Map<String, String>> facts = CsvFiles.rows(out.resolve("facts.csv"));

        // Each rejected file: exactly its PARSE-* rule, once, with a Chinese message saying what to do.
        for (HostileCorpus.Rejected r : HostileCorpus.REJECTED) {
            List<Map<String, String>> parse = parseFindings(exceptions, r.file());
            assertThat(parse).as("PARSE findings of %s", r.file()).hasSize(1);
            Map<String, String> f = parse.get(0);
            assertThat(f.get("rule")).as("rule of %s", r.file()).isEqualTo(r.rule());
            assertThat(f.get("severity")).isEqualTo("ERROR");
            assertActionableChinese(f.get("message"), r.file());
            for (String word : r.words()) {
                assertThat(f.get("message")).as("message of %s", r.file()).contains(word);
            }
            assertThat(facts).as("no facts from %s", r.file()).noneMatch(row -> row.get("source_file").equals(r.file()));
        }

        // The good workbooks (and Word reports) are read in full and summed.
        for (String good : HostileCorpus.GOOD) {
            assertThat(parseFindings(exceptions, good)).as("findings of %s", good).isEmpty();
            assertThat(facts).as("facts of %s", good).anyMatch(row -> row.get("source_file").equals(good)
                    && row.get("agency_name").equals(HostileCorpus.agencyOf(good)) && row.get("year").equals("2020"));
        }

        // #REF! and #DIV/0! where numbers belong: PARSE-CELL-TYPE naming each cell; the rest of the report is read.
        List<Map<String, String>> bad = parseFindings(exceptions, HostileCorpus.ERROR_VALUES);
        assertThat(bad).extracting(f -> f.get("rule")).containsOnly("PARSE-CELL-TYPE").hasSize(2);
        assertThat(bad).extracting(f -> f.get("message")).anyMatch(m -> m.contains("#REF!")).anyMatch(m -> m.contains("#DIV/0!"));
        bad.forEach(f -> {
            assertThat(f.get("cells")).matches("[A-Z]+[0-9]+");
            assertActionableChinese(f.get("message"), HostileCorpus.ERROR_VALUES);
        });
        assertThat(factsOf(facts, HostileCorpus.ERROR_VALUES)).isNotEmpty()
                .noneMatch(row -> row.get("datapoint").equals(HostileCorpus.REF_DATAPOINT))
                .noneMatch(row -> row.get("datapoint").equals(HostileCorpus.DIV0_DATAPOINT));

        // A circular formula: its cached value is read as stored; nothing recalculates, nothing hangs.
        assertThat(parseFindings(exceptions, HostileCorpus.CIRCULAR)).isEmpty();
        assertThat(factsOf(facts, HostileCorpus.CIRCULAR))
                .filteredOn(row -> row.get("datapoint").equals(HostileCorpus.CIRCULAR_DATAPOINT))
                .extracting(row -> row.get("value")).containsExactly(circularCachedValue.toPlainString());

        // The wrong-year report is not summed into 2020 (nor anywhere).
        assertThat(facts).noneMatch(row -> row.get("year").equals("2019"));
        assertThat(factsOf(facts, HostileCorpus.WRONG_YEAR)).isEmpty();

        // Formula injection in the agency name, file name and sheet name is neutralised in every CSV.
        List<Map<String, String>> injected = factsOf(facts, "'" + HostileCorpus.INJECTION_FILE);
        assertThat(injected).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("agency_name")).isEqualTo("'" + HostileCorpus.INJECTION_AGENCY);
            assertThat(row.get("agency_code")).isEqualTo("'" + HostileCorpus.INJECTION_AGENCY);
            assertThat(row.get("sheet")).isEqualTo("'" + HostileCorpus.INJECTION_SHEET);
        });
        for (String csv : List.of("facts.csv", "exceptions.csv", "summary.csv")) {
            for (Map<String, String> row : CsvFiles.rows(out.resolve(csv))) {
                row.forEach((column, value) -> {
                    if (!isNumericColumn(column)) {
                        assertThat(value).as("%s %s", csv, column).doesNotStartWith("=").doesNotStartWith("+")
                                .doesNotStartWith("@").doesNotStartWith("-");
                    }
                });
            }
        }

        // FIFO and symlink: listed as skipped, never opened or followed.
        String runJson = Files.readString(out.resolve("run.json"));
        assertThat(runJson).contains(HostileCorpus.FIFO + "（不是普通文件）")
                .contains(HostileCorpus.SYMLINK + "（符号链接，未跟随读取）");
        assertThat(facts).noneMatch(row -> row.get("agency_name").contains("不应读取"));

        // Nothing from /etc/passwd leaked into any output, and no entity was expanded into one.
        try (var outputs = Files.list(out)) {
            for (Path p : outputs.toList()) {
                String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertThat(text).as(p.getFileName().toString()).doesNotContain("root:x:0:0").doesNotContain("lollol");
            }
        }

        assertThat(hashes()).as("inputs unchanged").isEqualTo(hashesBefore);
    }

    /** The same corpus in a separate JVM with a 256 MB heap: the zip bomb and million rows must not exhaust it. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void smallHeapSurvivesTheCorpus() throws Exception {
        Path runDir = tmp.resolve("small-heap");
        Path out = runDir.resolve("out");
        Files.createDirectories(runDir);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = runDir.resolve("jvm.log");
        Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8",
                "-cp", classpath, "cn.nianbao.NianbaoApplication",
                "consolidate", "--input", in.toString(), "--out", out.toString(), "--year", String.valueOf(HostileCorpus.YEAR))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(150, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("finished; output:\n%s", output).isTrue();
        assertThat(p.exitValue()).as("exit code; output:\n%s", output).isZero();
        assertThat(out.resolve("run.json")).exists();
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"COMPLETED\"");
        assertThat(hashes()).as("inputs unchanged").isEqualTo(hashesBefore);
    }

    private static void assertActionableChinese(String message, String file) {
        assertThat(message).as("message for %s", file).containsPattern("\\p{IsHan}{4,}").contains("请");
    }

    private static boolean isNumericColumn(String column) {
        return List.of("value", "expected", "actual", "delta", "year", "reports_included", "reports_expected").contains(column);
    }

    private static List<Map<String, String>> parseFindings(List<Map<String, String>> exceptions, String file) {
        return exceptions.stream().filter(f -> f.get("source_file").equals(file) && f.get("rule").startsWith("PARSE-"))
                .collect(Collectors.toList());
    }

    private static List<Map<String, String>> factsOf(List<Map<String, String>> facts, String sourceFile) {
        return facts.stream().filter(row -> row.get("source_file").equals(sourceFile)).collect(Collectors.toList());
    }

    /** Every regular file of the input folder and the folder the symlink points into, by SHA-256. */
    private static Map<Path, String> hashes() throws Exception {
        Map<Path, String> hashes = new LinkedHashMap<>();
        for (Path p : HostileCorpus.regularFiles(in, outside)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            hashes.put(p, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
        }
        return hashes;
    }


}
