package cn.nianbao.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.nianbao.yaml.YamlFileException;

/**
 * The shipped catalogue reads to what it says (values read off {@code templates/catalogue.yml} by eye, datapoints
 * counted as rows × columns per block), and mistakes in a catalogue are named with their exact message, line and column.
 */
class TemplateCatalogueTest {

    @Test
    void theShippedCatalogueReadsToWhatItSays() {
        TemplateCatalogue catalogue = TemplateCatalogue.load();
        assertThat(catalogue.formats()).extracting(ReportFormat::id).containsExactly("GOV2019", "GOV2021");

        ReportFormat gov2019 = catalogue.require("GOV2019");
        assertThat(gov2019.name()).isEqualTo("政府信息公开工作年度报告格式（试行）（国办公开办函〔2019〕60号）");
        assertThat(gov2019.firstYear()).isEqualTo(2019);
        assertThat(gov2019.lastYear()).isEqualTo(2020);
        assertThat(gov2019.markers()).containsExactly("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "政府集中采购",
                "采购总金额", "采购项目数量");
        assertThat(gov2019.tables()).extracting(TableDef::id).containsExactly("A", "B", "C");
        // A: 3×2 + 3×2 + 3×2 + 2×1 + 2×1; B: 7 columns × 26 rows; C: 5 × 3
        assertThat(gov2019.datapoints()).hasSize(22 + 182 + 15);
        // B's DENIED, UNABLE and REFUSED subtotal rows are optional
        assertThat(gov2019.requiredDatapoints()).hasSize(22 + 182 + 15 - 3 * 7);
        assertThat(gov2019.datapoint("A.PROCUREMENT.AMOUNT_YUAN").orElseThrow().kind()).isEqualTo(ValueKind.YUAN);
        assertThat(gov2019.datapoint("A.LICENSING.CHANGE").orElseThrow().kind()).isEqualTo(ValueKind.SIGNED);
        assertThat(gov2019.datapoint("A.LICENSING.DECISIONS").orElseThrow().kind()).isEqualTo(ValueKind.COUNT);
        BlockDef first = gov2019.table("A").orElseThrow().blocks().get(0);
        assertThat(first.header()).isEqualTo("第二十条第（一）项");
        assertThat(first.corner()).isEqualTo("信息内容");
        assertThat(first.rowsAreColumnGroups()).isFalse();
        assertThat(first.columns().get(0)).isEqualTo(new ColumnDef("NEW_MADE", "本年新制作数量", List.of("本年制作数量", "新制作数量"),
                ValueKind.COUNT, List.of()));
        assertThat(first.rows().get(1)).isEqualTo(new RowDef("NORMATIVE", "规范性文件", List.of("行政规范性文件"), List.of(), false));
        RowDef denied = gov2019.datapoint("B.DENIED.TOTAL").orElseThrow().row();
        assertThat(denied).isEqualTo(new RowDef("DENIED", "（三）不予公开", List.of(), List.of("三、本年度办理结果"), true));

        ReportFormat gov2021 = catalogue.require("GOV2021");
        assertThat(gov2021.firstYear()).isEqualTo(2021);
        assertThat(gov2021.lastYear()).isEqualTo(9999);
        assertThat(gov2021.markers()).hasSize(6);
        // A: 3×2 + 1×1 + 1×2 + 1×1; B: 7 columns × 29 rows; C: 5 × 3
        assertThat(gov2021.datapoints()).hasSize(10 + 203 + 15);
        assertThat(gov2021.requiredDatapoints()).hasSize(10 + 203 + 15 - 4 * 7);
        assertThat(gov2021.datapoint("A.FEES.AMOUNT_WAN").orElseThrow().kind()).isEqualTo(ValueKind.WAN);
        // B's columns are an alias of GOV2019's (*applicantColumns), table C an alias of GOV2019's (*tableC)
        assertThat(gov2021.datapoint("B.OTHER_3.LEGAL").orElseThrow().column()).isEqualTo(new ColumnDef("LEGAL", "法律服务机构", List.of(),
                ValueKind.COUNT, List.of("申请人情况", "法人或其他组织")));
        assertThat(gov2021.table("C").orElseThrow()).isEqualTo(gov2019.table("C").orElseThrow());
        BlockDef c = gov2021.table("C").orElseThrow().blocks().get(0);
        assertThat(c.rowsAreColumnGroups()).isTrue();
        assertThat(c.rows()).extracting(RowDef::id).containsExactly("REVIEW", "SUIT_DIRECT", "SUIT_AFTER_REVIEW");
        assertThat(c.rows().get(2).groups()).containsExactly("行政诉讼");
    }

    /** A small catalogue whose second block names the first block's columns by an alias; each test changes one line. */
    private static final String[] LINES = {
            "formats:",                                          // 1
            "  - id: P",                                         // 2
            "    name: 格式P",                                    // 3
            "    years: { from: 2019, to: 2020 }",               // 4
            "    tables:",                                       // 5
            "      - id: T",                                     // 6
            "        title: 表",                                  // 7
            "        blocks:",                                   // 8
            "          - columns: &cols",                        // 9
            "              - { id: X, label: 列X }",              // 10
            "            rows:",                                 // 11
            "              - { id: R, label: 行R }",              // 12
            "          - columns: *cols",                        // 13
            "            rows:",                                 // 14
            "              - { id: S, label: 行S }",              // 15
    };

    private static String with(int line, String text) {
        String[] lines = LINES.clone();
        lines[line - 1] = text;
        return String.join("\n", lines) + "\n";
    }

    private static String fails(String yaml) {
        return assertThrows(YamlFileException.class, () -> TemplateCatalogue.parse(new StringReader(yaml), "catalogue.yml")).getMessage();
    }

    @Test
    void anAliasRepeatsWhatItsAnchorHolds() throws Exception {
        TemplateCatalogue catalogue = TemplateCatalogue.parse(new StringReader(with(1, "formats:")), "catalogue.yml");
        assertThat(catalogue.require("P").datapoints().keySet()).containsExactly("T.R.X", "T.S.X");
        assertThat(catalogue.require("P").datapoint("T.S.X").orElseThrow().label()).isEqualTo("行S · 列X");
    }

    @Test
    void aCatalogueMayNameAnAnchorFiftyTimesButNotMore() throws Exception {
        StringBuilder yaml = new StringBuilder(with(1, "formats:"));
        for (int i = 0; i < 49; i++) { // the file's own alias (line 13) and 49 blocks more
            yaml.append("          - columns: *cols\n            rows:\n              - { id: R").append(i).append(", label: 行 }\n");
        }
        assertThat(TemplateCatalogue.parse(new StringReader(yaml.toString()), "catalogue.yml").require("P").datapoints()).hasSize(51);
        yaml.append("          - columns: *cols\n");
        assertThat(fails(yaml.toString())).isEqualTo("catalogue.yml 第163行第22列：引用（*别名）超过 50 个："
                + "每个引用都会重复其锚点（&）的内容，引用过多的文件可能无限膨胀；请直接写出内容");
    }

    @Test
    void mistakesAreNamedWithTheirPlace() {
        assertThat(fails(with(10, "              - { id: X, lable: 列X }")))
                .isEqualTo("catalogue.yml 第10行第26列：「X」中未知的键「lable」（可用的键：aliases、group、id、kind、label）");
        assertThat(fails(with(10, "              - { id: X, label: 列X, kind: money }")))
                .isEqualTo("catalogue.yml 第10行第43列：「X」的 kind 应为以下之一：count、signed、yuan、wan，实际为「money」");
        assertThat(fails(with(12, "              - { id: R }"))).isEqualTo("catalogue.yml 第12行第17列：缺少 label（行的标签）");
        assertThat(fails(with(15, "              - { id: R, label: 行S }")))
                .isEqualTo("catalogue.yml 第15行第23列：数据项 T.R.X 重复：同一表中两处的行代码和列代码相同");
        assertThat(fails(with(4, "    years: { from: 2021, to: 2020 }"))).isEqualTo("catalogue.yml 第4行第30列：years 的 to（2020）早于 from（2021）");
        assertThat(fails(with(4, "    years: { from: 2021, to: 今 }")))
                .isEqualTo("catalogue.yml 第4行第30列：to 应为年份（如 2020），实际为「今」");
        assertThat(fails(with(12, "              - { id: R, label: 行R, id: R2 }")))
                .isEqualTo("catalogue.yml 第12行第37列：键「id」重复（第12行第19列已写过）；同一键只能写一次");
        assertThat(fails(with(7, "        title: 表: 二"))).isEqualTo(
                "catalogue.yml 第7行第17列：此处不能有「: 」（值中含有冒号时，请给整个值加引号）（mapping values are not allowed here）");
        assertThat(fails(with(6, "      - title: 表"))).isEqualTo("catalogue.yml 第7行第9列：键「title」重复（第6行第9列已写过）；同一键只能写一次");
    }
}
