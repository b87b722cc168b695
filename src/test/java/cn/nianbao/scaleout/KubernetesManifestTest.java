package cn.nianbao.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.yaml.YAMLMapper;

import cn.nianbao.nightly.NianbaoProcess;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.JobFileReader;

/**
 * deploy/k8s cannot be applied here (no cluster, Docker or kubectl): what matters in it is checked by reading it.
 * The Indexed Job's index → job file script is run with a stand-in {@code java}, and the job files of the
 * ConfigMap are read by the real job-file reader.
 */
class KubernetesManifestTest {

    private static final Path K8S = Path.of("deploy/k8s");

    @TempDir
    Path tmp;

    private Map<String, Object> districtJob;
    private Map<String, Object> cityJob;
    private Map<String, Object> purgeJob;
    private Map<String, Object> configMap;
    private Map<String, Object> secret;
    private List<Map<String, Object>> claims;

    @BeforeEach
    void load() throws Exception {
        districtJob = single("district-job.yaml");
        cityJob = single("city-job.yaml");
        purgeJob = single("purge-job.yaml");
        configMap = single("configmap.yaml");
        secret = single("secret.example.yaml");
        claims = all("volumes.yaml");
    }

    @Test
    void oneIndexPerDistrictJobFileAndTheCityRollsThemAllUp() throws Exception {
        assertThat(districtJob.get("kind")).isEqualTo("Job");
        Map<String, Object> spec = map(districtJob, "spec");
        assertThat(spec.get("completionMode")).isEqualTo("Indexed");
        List<String> districts = districtList();
        assertThat(districts).isNotEmpty().doesNotHaveDuplicates();
        assertThat(spec.get("completions")).isEqualTo(districts.size());
        assertThat(spec.get("parallelism")).isEqualTo(districts.size());

        // Every job file of the ConfigMap, read as nianbao reads it.
        Map<String, String> data = strings(map(configMap, "data"));
        Map<String, JobDefinition> jobs = new HashMap<>();
        for (Map.Entry<String, String> e : data.entrySet()) {
            if (e.getKey().endsWith(".yml")) {
                Path f = tmp.resolve(e.getKey());
                Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
                jobs.put(e.getKey(), JobFileReader.read(f));
            }
        }
        List<String> districtFiles = jobs.entrySet().stream().filter(e -> !e.getValue().isRollup()).map(Map.Entry::getKey).sorted().toList();
        // the index list covers every district job file shipped, and nothing else
        assertThat(districts).containsExactlyInAnyOrderElementsOf(districtFiles);
        List<String> districtNames = new ArrayList<>();
        for (String file : districts) {
            JobDefinition d = jobs.get(file);
            assertThat(file).isEqualTo(d.name() + ".yml");
            assertThat(d.input().toString()).startsWith(mountPath(districtJob, "input") + "/");
            assertThat(d.output().toString()).startsWith(mountPath(districtJob, "output") + "/");
            assertThat(d.roster()).isNotEmpty();
            districtNames.add(d.name());
        }
        List<JobDefinition> rollups = jobs.values().stream().filter(JobDefinition::isRollup).toList();
        assertThat(rollups).hasSize(1);
        JobDefinition city = rollups.get(0);
        assertThat(city.fromJobs()).containsExactlyElementsOf(districtNames);
        assertThat(city.output().toString()).startsWith(mountPath(cityJob, "output") + "/");
        assertThat(container(cityJob).get("args").toString()).contains(mountPath(cityJob, "jobs") + "/" + city.name() + ".yml");
    }

    @Test
    void bothJobsRunTheSameImageWithAUtf8LocaleTheSecretsDatabaseAndASizedHeap() throws Exception {
        Map<String, Object> d = container(districtJob);
        Map<String, Object> c = container(cityJob);
        assertThat(d.get("image")).isNotNull().isEqualTo(c.get("image"));
        String secretName = (String) map(secret, "metadata").get("name");
        Map<String, String> secretKeys = strings(map(secret, "stringData"));
        String claimNames = claims.stream().map(m -> (String) map(m, "metadata").get("name")).toList().toString();
        for (Map<String, Object> job : List.of(districtJob, cityJob, purgeJob)) {
            Map<String, Object> pod = map(map(map(job, "spec"), "template"), "spec");
            Map<String, Object> container = container(job);
            assertThat(pod.get("restartPolicy")).isEqualTo("Never"); // required by podFailurePolicy and by Jobs
            Map<String, Object> env = env(container);
            assertThat(env.get("LANG")).isEqualTo("C.UTF-8");
            for (String[] v : new String[][] {{"SPRING_DATASOURCE_URL", "url"}, {"SPRING_DATASOURCE_USERNAME", "username"},
                    {"SPRING_DATASOURCE_PASSWORD", "password"}}) {
                @SuppressWarnings("unchecked")
                Map<String, Object> ref = map((Map<String, Object>) env.get(v[0]), "valueFrom");
                Map<String, Object> key = map(ref, "secretKeyRef");
                assertThat(key.get("name")).as(v[0]).isEqualTo(secretName);
                assertThat(key.get("key")).as(v[0]).isEqualTo(v[1]);
                assertThat(secretKeys).containsKey(v[1]);
            }
            assertThat(String.join(" ", strings(container, "command")) + " " + String.join(" ", strings(container, "args")))
                    .doesNotContain("datasource.password"); // not on the command line, where ps shows it
            // a bad job file (exit 2) fails the Job at once rather than being retried
            @SuppressWarnings("unchecked")
            Map<String, Object> rule = ((List<Map<String, Object>>) map(map(job, "spec"), "podFailurePolicy").get("rules")).get(0);
            assertThat(rule.get("action")).isEqualTo("FailJob");
            assertThat(map(rule, "onExitCodes").get("containerName")).isEqualTo(container.get("name"));
            assertThat(map(rule, "onExitCodes").get("values")).isEqualTo(List.of(2));
            // heap within what the bench measured nianbao in (256m … 1g), the memory limit leaves room beside it
            String cmd = String.join(" ", strings(container, "command")) + " " + String.join(" ", strings(container, "args"));
            Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(cmd);
            assertThat(xmx.find()).as(cmd).isTrue();
            int heap = Integer.parseInt(xmx.group(1));
            assertThat(heap).isBetween(256, 1024);
            int limit = mebibytes((String) map(map(container, "resources"), "limits").get("memory"));
            assertThat(limit).isGreaterThanOrEqualTo(heap * 3 / 2);
            for (Map<String, Object> volume : list(pod, "volumes")) {
                if (volume.containsKey("configMap")) {
                    assertThat(map(volume, "configMap").get("name")).isEqualTo(map(configMap, "metadata").get("name"));
                }
                if (volume.containsKey("persistentVolumeClaim")) {
                    assertThat(claimNames).contains((String) map(volume, "persistentVolumeClaim").get("claimName"));
                }
            }
        }
        List<String> dockerfile = Files.readAllLines(K8S.resolve("Dockerfile"), StandardCharsets.UTF_8);
        assertThat(dockerfile).anyMatch(l -> l.matches("FROM eclipse-temurin:17-jre\\S*"));
        assertThat(String.join("\n", dockerfile)).containsPattern("ENV LANG=C\\.UTF-8")
                .contains("COPY target/nianbao.jar /app/nianbao.jar").contains("COPY jobs/ /app/jobs/");
        assertThat(String.join(" ", strings(d, "args"))).contains("/app/nianbao.jar");
        assertThat(String.join(" ", strings(c, "command"))).contains("/app/nianbao.jar");
    }

    /**
     * The example keeps the shared database from growing without end: after the city, run.sh runs a purge of the same
     * image, whose arguments the program itself accepts (on the database the Secret names).
     */
    @Test
    void runShPurgesOldRunsAfterTheCity() throws Exception {
        Map<String, Object> p = container(purgeJob);
        assertThat(p.get("image")).isEqualTo(container(cityJob).get("image"));
        List<String> args = strings(p, "args");
        cn.nianbao.cli.CommandLine parsed = cn.nianbao.cli.CommandLine.parse(
                java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of("--spring.datasource.url=jdbc:postgresql://db/x"))
                        .toArray(String[]::new));
        assertThat(parsed.command()).isEqualTo(cn.nianbao.cli.CommandLine.Command.PURGE);
        assertThat(parsed.olderThan()).isGreaterThanOrEqualTo(java.time.Duration.ofDays(366)); // last year's runs stay
        String script = Files.readString(K8S.resolve("run.sh"), StandardCharsets.UTF_8);
        assertThat(script.indexOf("k apply -f purge-job.yaml")).isGreaterThan(script.indexOf("wait_job nianbao-city-2020"));
        assertThat(script).contains("wait_job nianbao-purge");
    }

    /** The pod's script, run with a stand-in java: index N starts line N's job file; an index past the list exits 2. */
    @Test
    void theIndexScriptPicksTheDistrictJobFileOfItsIndex() throws Exception {
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        strings(map(configMap, "data")).forEach((k, v) -> write(jobs.resolve(k), v));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"java $*\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        String script = strings(container(districtJob), "args").get(0);
        List<String> districts = districtList();
        for (int i = 0; i < districts.size(); i++) {
            String[] run = sh(script, i, jobs, bin);
            assertThat(run[0]).as(run[1] + run[2]).isEqualTo("0");
            assertThat(run[1]).contains("java -Xmx").contains("-jar /app/nianbao.jar consolidate --job " + jobs.resolve(districts.get(i)) + " ");
        }
        String[] past = sh(script, districts.size(), jobs, bin);
        assertThat(past[0]).isEqualTo("2");
        assertThat(past[2]).contains("没有对应的作业文件");
        assertThat(past[1]).doesNotContain("java ");

        Process syntax = new ProcessBuilder("/bin/sh", "-n", K8S.resolve("run.sh").toString()).redirectErrorStream(true).start();
        assertThat(syntax.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(syntax.exitValue()).as(new String(syntax.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    /** The pods hand the database over as SPRING_DATASOURCE_URL (from the Secret): nianbao must use it, not its default H2. */
    @Test
    void theDatabaseCanBeNamedByTheEnvironment() throws Exception {
        TwoDistricts d = TwoDistricts.create(tmp);
        Path db = tmp.resolve("envdb");
        NianbaoProcess p = NianbaoProcess.start(Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + db.resolve("nianbao") + ";AUTO_SERVER=TRUE",
                "LANG", "C.UTF-8"), "consolidate", "--job", d.job(TwoDistricts.FENGZE).toString());
        assertThat(p.waitFor(Duration.ofSeconds(90))).as(p.output()).isZero();
        assertThat(db.resolve("nianbao.mv.db")).exists();
        assertThat(tmp.resolve("out/.nianbao-db")).doesNotExist();
    }

    private static String[] sh(String script, int index, Path jobs, Path bin) throws Exception {
        ProcessBuilder b = new ProcessBuilder("/bin/sh", "-c", script);
        b.environment().put("JOB_COMPLETION_INDEX", Integer.toString(index));
        b.environment().put("NIANBAO_JOBS", jobs.toString());
        b.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        b.environment().put("LANG", "C.UTF-8");
        Process p = b.start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)};
    }

    private List<String> districtList() {
        return ((String) map(configMap, "data").get("districts")).lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    private static String mountPath(Map<String, Object> job, String volume) {
        return list(container(job), "volumeMounts").stream().filter(m -> volume.equals(m.get("name")))
                .map(m -> (String) m.get("mountPath")).findFirst().orElseThrow(() -> new AssertionError("no mount " + volume));
    }

    private static Map<String, Object> env(Map<String, Object> container) {
        Map<String, Object> env = new HashMap<>();
        for (Map<String, Object> e : list(container, "env")) {
            env.put((String) e.get("name"), e.containsKey("value") ? e.get("value") : e);
        }
        return env;
    }

    private static int mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Integer.parseInt(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        assertThat(quantity).endsWith("Mi");
        return Integer.parseInt(quantity.substring(0, quantity.length() - 2));
    }

    private static Map<String, Object> container(Map<String, Object> job) {
        List<Map<String, Object>> containers = list(map(map(map(job, "spec"), "template"), "spec"), "containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, Object> single(String file) throws Exception {
        List<Map<String, Object>> docs = all(file);
        assertThat(docs).as(file).hasSize(1);
        return docs.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> all(String file) throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(K8S.resolve(file), StandardCharsets.UTF_8)) {
            for (Object o : YAMLMapper.shared().readerFor(Map.class).readValues(r).readAll()) {
                if (o != null) {
                    docs.add((Map<String, Object>) o);
                }
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        Object o = m.get(key);
        assertThat(o).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        Object o = m.get(key);
        assertThat(o).as(key).isInstanceOf(List.class);
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> m, String key) {
        Object o = m.get(key);
        return o == null ? List.of() : ((List<Object>) o).stream().map(String::valueOf).toList();
    }

    private static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
