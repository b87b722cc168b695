package cn.nianbao.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.testing.CsvFiles;
import cn.nianbao.testing.SampleFiles;

/**
 * Whatever the input folder holds, every file is accounted for and nothing about a file's name or place fails the
 * run: files an agency sent that are not reports are findings on that agency, folders of any depth are read, paths
 * and names of any length are stored whole (or the file gets a finding), and an input with no report at all is an
 * ERROR, not a clean run. Subclasses choose the database.
 */
abstract class InputFolderTestBase {

    @TempDir
    Path dir;

    abstract List<String> databaseArgs() throws Exception;

    int run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(databaseArgs());
        return NianbaoApplication.run(all.toArray(String[]::new));
    }

    @Test
    void deepFoldersLongPathsAndLongNamesAreReadAndStoredWhole() throws Exception {
        Path in = dir.resolve("in");
        Path deep = in;
        for (int i = 0; i < 40; i++) {
            deep = deep.resolve("d" + i);
        }
        Files.createDirectories(deep);
        SampleFiles.report(deep.resolve("深处街道-2020.xlsx"), "深处街道办事处", 2020, 31);
        // a path of over 1,000 characters: eleven folders of 95 characters each
        Path longPath = in;
        for (int i = 0; i < 11; i++) {
            longPath = longPath.resolve(("长路径" + i).repeat(1) + "x".repeat(90));
        }
        Files.createDirectories(longPath);
        String longName = "某".repeat(90) + "街道办事处";
        SampleFiles.report(longPath.resolve("长名-2020.xlsx"), longName, 2020, 32);
        // a title whose text before the year is not a name but a sentence: no agency, a finding, the run goes on
        String sentence = "根据《中华人民共和国政府信息公开条例》".repeat(8) + "本单位编制了";
        SampleFiles.report(in.resolve("2020.xlsx"), sentence, 2020, 33);
        Path out = dir.resolve("out");

        assertThat(run("consolidate", "--input", in.toString(), "--out", out.toString(), "--year", "2020")).isZero();

        List<Map<String, String>> facts = CsvFiles.rows(out.resolve("facts.csv"));
        String deepRel = in.relativize(deep.resolve("深处街道-2020.xlsx")).toString();
        String longRel = in.relativize(longPath.resolve("长名-2020.xlsx")).toString();
        assertThat(longRel.length()).isGreaterThan(1000);
        assertThat(facts).anyMatch(f -> f.get("source_file").equals(deepRel) && f.get("agency_name").equals("深处街道办事处"));
        assertThat(facts).anyMatch(f -> f.get("source_file").equals(longRel) && f.get("agency_name").equals(longName));
        List<Map<String, String>> findings = CsvFiles.rows(out.resolve("exceptions.csv"));
        assertThat(findings).filteredOn(f -> f.get("source_file").equals("2020.xlsx")).extracting(f -> f.get("rule"))
                .containsExactly("PARSE-NO-AGENCY");
        assertThat(Files.readString(out.resolve("run.json"), StandardCharsets.UTF_8)).contains(longRel.replace("\\", "\\\\"));
    }

    @Test
    void filesThatAreNotReportsAreFindingsOnTheAgencyTheirNameNames() throws Exception {
        Workspace ws = Workspace.create(dir);
        Path in = ws.root.resolve("sample-input/2020");
        Files.write(in.resolve("开元街道-2020年报.pdf"), "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(in.resolve("海滨街道年报扫描件.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10});
        Files.writeString(in.resolve("临江街道-2020.et"), "not really WPS");
        Files.writeString(in.resolve("未知来源.zip"), "PK\u0003\u0004 not a real archive");
        Files.writeString(in.resolve(".DS_Store"), "x");
        Files.writeString(in.resolve("~$开元街道-2020.xlsx"), "lock");

        assertThat(run("consolidate", "--job", ws.job("licheng-2020").toString())).isZero();

        Path out = ws.out("licheng-2020");
        List<Map<String, String>> fileType = CsvFiles.rows(out.resolve("exceptions.csv")).stream()
                .filter(f -> f.get("rule").equals("PARSE-FILE-TYPE")).toList();
        assertThat(fileType).extracting(f -> f.get("source_file"), f -> f.get("agency_code"), f -> f.get("severity"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("开元街道-2020年报.pdf", "350502-KY", "WARNING"),
                        org.assertj.core.groups.Tuple.tuple("海滨街道年报扫描件.jpg", "350502-HB", "WARNING"),
                        org.assertj.core.groups.Tuple.tuple("临江街道-2020.et", "350502-LJ", "WARNING"),
                        org.assertj.core.groups.Tuple.tuple("未知来源.zip", "", "WARNING"));
        Map<String, String> pdf = fileType.stream().filter(f -> f.get("source_file").endsWith(".pdf")).findFirst().orElseThrow();
        assertThat(pdf.get("message")).contains("PDF").contains(".xlsx").contains(".docx");
        assertThat(fileType.stream().filter(f -> f.get("source_file").endsWith(".et")).findFirst().orElseThrow().get("message"))
                .contains("WPS").contains("另存为");
        assertThat(fileType.stream().filter(f -> f.get("source_file").endsWith(".zip")).findFirst().orElseThrow().get("message"))
                .contains("压缩包").contains("解压");
        // the agencies' own workbooks are read as before; system and lock files are skipped, not findings
        assertThat(CsvFiles.rows(out.resolve("facts.csv"))).anyMatch(f -> f.get("agency_code").equals("350502-KY"));
        assertThat(CsvFiles.rows(out.resolve("exceptions.csv"))).noneMatch(f -> f.get("source_file").contains("DS_Store")
                || f.get("source_file").startsWith("~$"));
        String html = Files.readString(out.resolve("exceptions.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("开元街道-2020年报.pdf");
    }

    @Test
    void anInputWithNoReportIsAnErrorThatFailOnErrorCatches() throws Exception {
        Path in = Files.createDirectories(dir.resolve("mounted-late"));
        Path out = dir.resolve("out");

        assertThat(run("consolidate", "--input", in.toString(), "--out", out.toString(), "--year", "2020", "--fail-on", "error"))
                .isEqualTo(1);
        List<Map<String, String>> findings = CsvFiles.rows(out.resolve("exceptions.csv"));
        assertThat(findings).extracting(f -> f.get("rule"), f -> f.get("severity"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("INPUT-NO-REPORT", "ERROR"));
        assertThat(findings.get(0).get("message")).contains("mounted-late").contains("共 0 个文件");

        // the same with only unreadable files in it
        Files.writeString(in.resolve("说明.txt"), "年报稍后报送");
        assertThat(run("consolidate", "--input", in.toString(), "--out", out.toString(), "--year", "2020", "--fail-on", "error"))
                .isEqualTo(1);
        assertThat(CsvFiles.rows(out.resolve("exceptions.csv"))).extracting(f -> f.get("rule"))
                .containsExactlyInAnyOrder("INPUT-NO-REPORT", "PARSE-FILE-TYPE");
    }
}
