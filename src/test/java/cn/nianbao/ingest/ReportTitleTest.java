package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a title is looked for: the paragraphs before a Word report's first table, and the first twelve rows of each sheet. */
class ReportTitleTest {

    private static final String TITLE = "某某镇人民政府2020年政府信息公开工作年度报告";

    @Test
    void aTitleIsLookedForInTheFirstTwelveRowsOnly() {
        assertThat(ReportTitle.find(GridBuilder.workbook(new GridBuilder("表").text("C12", TITLE))))
                .extracting(ReportTitle::agencyName, ReportTitle::year)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("某某镇人民政府", 2020));
        assertThat(ReportTitle.find(GridBuilder.workbook(new GridBuilder("表").text("C13", TITLE)))).isEmpty();
    }
}
