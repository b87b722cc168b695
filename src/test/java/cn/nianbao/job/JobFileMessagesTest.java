package cn.nianbao.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of mistake in a job file, with the exact message a district reads: the file, line and column, what is
 * written there and what was expected.
 */
class JobFileMessagesTest {

    @TempDir
    Path dir;

    /** A correct job file; each test changes one line. */
    private static final String[] LINES = {
            "name: district",                                   // 1
            "year: 2020",                                       // 2
            "input: in",                                        // 3
            "output: out",                                      // 4
            "units:",                                           // 5
            "  - { code: \"350502\", name: 鲤城区 }",            // 6
            "roster:",                                          // 7
            "  - { code: A, name: 甲, parent: \"350502\" }",     // 8
    };

    private Path file;

    /** The correct file with some lines replaced: line number, text, line number, text … */
    private static String with(Object... lineAndText) {
        String[] lines = LINES.clone();
        for (int i = 0; i < lineAndText.length; i += 2) {
            lines[(Integer) lineAndText[i] - 1] = (String) lineAndText[i + 1];
        }
        return String.join("\n", lines) + "\n";
    }

    private String fails(String yaml) throws Exception {
        file = Files.writeString(dir.resolve("district.yml"), yaml, StandardCharsets.UTF_8);
        return org.junit.jupiter.api.Assertions.assertThrows(JobFileException.class, () -> JobFileReader.read(file)).getMessage();
    }

    private String at(int line, int column, String problem) {
        return file + " 第" + line + "行第" + column + "列：" + problem;
    }

    @Test
    void theCorrectFileReads() throws Exception {
        Path ok = Files.writeString(dir.resolve("district.yml"), with(1, LINES[0]), StandardCharsets.UTF_8);
        assertThat(JobFileReader.read(ok).roster()).hasSize(1);
    }

    /** Codes and names that look like numbers, dates or yes/no keep the text the district typed. */
    @Test
    void textThatLooksLikeANumberIsReadAsWritten() throws Exception {
        Path job = Files.writeString(dir.resolve("codes.yml"), with(6, "  - { code: 0350, name: 2020-01-01 }",
                8, "  - { code: 1e3, name: yes, kind: 007, parent: 0350 }"), StandardCharsets.UTF_8);
        JobDefinition read = JobFileReader.read(job);
        assertThat(read.units().get(0).code()).isEqualTo("0350");
        assertThat(read.units().get(0).name()).isEqualTo("2020-01-01");
        assertThat(read.roster().get(0)).isEqualTo(new cn.nianbao.model.Agency("1e3", "yes", java.util.List.of(), "007", "0350"));
    }

    @Test
    void aValueOfTheWrongKindSaysWhatWasExpectedAndWhatIsWritten() throws Exception {
        assertThat(fails(with(2, "year: 二〇二〇"))).isEqualTo(at(2, 7, "year 应为年份（如 2020），实际为「二〇二〇」"));
        assertThat(fails(with(2, "year: 2020.5"))).as("never rounded to 2020")
                .isEqualTo(at(2, 7, "year 应为年份（如 2020），实际为「2020.5」"));
        assertThat(fails(with(2, "years: 2020"))).isEqualTo(at(2, 8, "years 应为年份的列表（如 [2020, 2021]），实际为「2020」"));
        assertThat(fails(with(2, "years: [2020, 二〇二一]"))).isEqualTo(at(2, 15, "years 的第 2 项应为整数，实际为「二〇二一」"));
        assertThat(fails(with(5, "units: 350502", 6, "", 8, "  - { code: A, name: 甲 }"))).isEqualTo(at(5, 8,
                "units 应为单位的列表（每项如 { code: \"350502\", name: 泉州市鲤城区, kind: 区, parent: \"350500\" }），实际为「350502」"));
        assertThat(fails(with(3, "input: [in, out]"))).isEqualTo(at(3, 8, "input 应为文本，实际为列表"));
        assertThat(fails(with(8, "  - { code: A, name: 甲, aliases: 甲单位 }"))).isEqualTo(at(8, 34,
                "aliases 应为别名的列表（如 [开元街道, 开元]），实际为「甲单位」"));
        assertThat(fails(String.join("\n", LINES) + "\nleave-out-reports-with-errors: yes please\n"))
                .isEqualTo(at(9, 32, "leave-out-reports-with-errors 应为 true 或 false，实际为「yes please」"));
        assertThat(fails(String.join("\n", LINES) + "\nleave-out-reports-with-errors: 1\n"))
                .isEqualTo(at(9, 32, "leave-out-reports-with-errors 应为 true 或 false，实际为「1」"));
    }

    @Test
    void aValueOutsideWhatItMayBeIsNamed() throws Exception {
        assertThat(fails(with(2, "year: 1999"))).isEqualTo(at(2, 7, "年度应在 2008 至 2100 之间，实际为 1999"));
        assertThat(fails(with(8, "  - { code: A, name: 甲, parent: \"350599\" }")))
                .isEqualTo(at(8, 33, "「甲」的上级单位「350599」不在 units 中"));
        assertThat(fails(with(8, "  - { code: \"350502\", name: 甲, parent: \"350502\" }"))).isEqualTo(at(8, 13, "单位代码「350502」重复"));
        assertThat(fails(with(3, "input: \"\""))).isEqualTo(at(3, 8, "input 不能是空文本"));
        String longCode = "X".repeat(101);
        assertThat(fails(with(8, "  - { code: " + longCode + ", name: 甲 }"))).isEqualTo(at(8, 13,
                "单位代码「XXXXXXXXXXXXXXXXXXXX…」有 101 个字符，超过 100 个；请用统一社会信用代码或行政区划代码等短代码"));
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeysThatExist() throws Exception {
        assertThat(fails(String.join("\n", LINES) + "\nleave-out-errors: true\n")).isEqualTo(at(9, 1,
                "未知的键「leave-out-errors」（可用的键：dispositions、from-jobs、input、leave-out-reports-with-errors、name、notice、output、roster、"
                        + "rules、units、year、years）"));
        assertThat(fails(with(8, "  - { code: A, name: 甲, parnet: \"350502\" }")))
                .isEqualTo(at(8, 25, "未知的键「parnet」（可用的键：aliases、code、kind、name、parent）"));
    }

    @Test
    void aMissingKeyIsNamedWhereItBelongs() throws Exception {
        assertThat(fails(with(3, "# no input"))).isEqualTo(at(1, 1, "须写明 input（报表所在文件夹）和 output（输出文件夹）"));
        assertThat(fails(with(8, "  - { code: A, parent: \"350502\" }")))
                .isEqualTo(at(8, 5, "roster 的第 1 项缺少 name（单位名称）：每一项须有 code 和 name"));
        assertThat(fails(with(3, "input:"))).isEqualTo(at(3, 7, "input 没有值（不需要时请删去这一行）"));
        assertThat(fails(with(8, "  -"))).isEqualTo(at(8, 4, "roster 的第 1 项没有值（不需要时请删去这一行）"));
    }

    @Test
    void aKeyWrittenTwiceIsRefusedRatherThanTheLastOneWinning() throws Exception {
        assertThat(fails(String.join("\n", LINES) + "\nyear: 2021\n"))
                .isEqualTo(at(9, 1, "键「year」重复（第2行第1列已写过）；同一键只能写一次"));
        assertThat(fails(with(8, "  - { code: A, name: 甲, name: 乙 }")))
                .isEqualTo(at(8, 25, "键「name」重复（第8行第16列已写过）；同一键只能写一次"));
    }

    @Test
    void syntaxErrorsAreSaidInChineseAtTheirPlace() throws Exception {
        assertThat(fails(with(1, "name: a: b")))
                .isEqualTo(at(1, 8, "此处不能有「: 」（值中含有冒号时，请给整个值加引号）（mapping values are not allowed here）"));
        assertThat(fails(with(6, "\t- { code: \"350502\", name: 鲤城区 }"))).startsWith(at(6, 1, "不能用制表符（Tab）缩进，请改用空格（"));
        assertThat(fails(with(8, "  - { code: A, name: 甲"))).startsWith(file + " 第9行第1列：花括号 { } 没有闭合，或项之间缺少逗号（");
        assertThat(fails(with(8, "  - { code: A, name: \"甲 }"))).startsWith(file + " 第9行第1列：引号没有闭合（");
        // placed at the list item that holds the alias
        assertThat(fails(with(8, "  - *nowhere"))).isEqualTo(at(8, 3, "引用「*nowhere」之前没有对应的锚点（&）"));
    }

    @Test
    void anEmptyOrUnreadableFileIsNamed() throws Exception {
        assertThat(fails("# nothing yet\n")).isEqualTo(file + "：文件是空的");
        assertThat(fails("- name: district\n")).isEqualTo(at(1, 1, "文件内容应为键值表（「键: 值」），实际为列表"));
        assertThat(fails(String.join("\n", LINES) + "\n---\nname: other\n")).isEqualTo(at(10, 1, "文件中只能有一份内容（「---」之后又开始了一份）"));
        Path gbk = Files.write(dir.resolve("gbk.yml"), "name: 鲤城\n".getBytes("GBK"));
        assertThatThrownBy(() -> JobFileReader.read(gbk)).isInstanceOf(JobFileException.class)
                .hasMessage(gbk + "：文件不是 UTF-8 编码，请用文本编辑器另存为 UTF-8");
        Path none = dir.resolve("none.yml");
        assertThatThrownBy(() -> JobFileReader.read(none))
                .hasMessage("作业文件不存在：" + none + "（即 " + none + "）。请检查文件名，或先进入安装文件夹（cd）再运行，或写出作业文件的完整路径");
    }

    /** The classic 「billion laughs」: nine aliases to nine aliases … each level nine times the one before. */
    @Test
    void aliasesAreLimitedBeforeAnyIsExpanded() throws Exception {
        StringBuilder laughs = new StringBuilder(String.join("\n", LINES)).append("\nrules: x\n");
        laughs.append("x0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < 9; level++) {
            laughs.append("x").append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                laughs.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
            }
            laughs.append("]\n");
        }
        // the 51st alias is the 6th of line 16 (x6): 5 lines of 9 aliases, then 5 + 1
        assertThat(fails(laughs.toString())).isEqualTo(at(16, 35,
                "引用（*别名）超过 50 个：每个引用都会重复其锚点（&）的内容，引用过多的文件可能无限膨胀；请直接写出内容"));
    }

    @Test
    void fiftyAliasesAreFineAndExpandToWhatTheyNameWhileFiftyOneAreNot() throws Exception {
        StringBuilder yaml = new StringBuilder("name: d\nyear: 2020\ninput: in\noutput: out\n"
                + "units:\n  - { code: U, name: 区, aliases: &names [区政府, 本级] }\nroster:\n");
        for (int i = 0; i < 50; i++) {
            yaml.append("  - { code: A").append(i).append(", name: 甲").append(i).append(", parent: U, aliases: *names }\n");
        }
        Path ok = Files.writeString(dir.resolve("aliases.yml"), yaml, StandardCharsets.UTF_8);
        assertThat(JobFileReader.read(ok).roster().get(49).aliases()).containsExactly("区政府", "本级");
        yaml.append("  - { code: A50, name: 甲50, parent: U, aliases: *names }\n");
        assertThat(fails(yaml.toString())).isEqualTo(at(58, 49,
                "引用（*别名）超过 50 个：每个引用都会重复其锚点（&）的内容，引用过多的文件可能无限膨胀；请直接写出内容"));
    }

    @Test
    void anAnchoredPartTooLargeToExpandIsNamed() throws Exception {
        StringBuilder yaml = new StringBuilder("name: d\nyear: 2020\ninput: in\noutput: out\nunits:\n  - { code: U, name: 区 }\nroster: &all\n");
        for (int i = 0; i < 2500; i++) { // 6 parser events each: Jackson replays at most 9,999 of an anchored part
            yaml.append("  - { code: A").append(i).append(", name: 甲 }\n");
        }
        // placed at the entry where the anchored part passed the bound (the 1,667th)
        assertThat(fails(yaml.toString())).isEqualTo(at(1674, 7, "锚点（&）标记的内容过大，无法展开引用（*别名）；请去掉锚点和引用，直接写出内容"));
        Path plain = Files.writeString(dir.resolve("plain.yml"), yaml.toString().replace("roster: &all", "roster:"), StandardCharsets.UTF_8);
        assertThat(JobFileReader.read(plain).roster()).hasSize(2500);
    }

    @Test
    void sizeAndDepthAreLimited() throws Exception {
        String tooLong = String.join("\n", LINES) + "\n# " + "长".repeat(3 * 1024 * 1024) + "\n";
        assertThat(fails(tooLong)).isEqualTo(file + "：文件过大：超过 3145728 个字符；请检查是否选错了文件");
        // the file's own mapping is the first level: the 50th bracket (column 57) is the 51st level
        String deep = "name: d\nyears: " + "[".repeat(50) + "]".repeat(50) + "\n";
        assertThat(fails(deep)).isEqualTo(at(2, 57, "层次过深：键值表和列表最多嵌套 50 层"));
    }
}
