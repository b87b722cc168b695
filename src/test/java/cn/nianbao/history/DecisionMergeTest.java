package cn.nianbao.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.nianbao.history.DecisionMerge.Place;
import cn.nianbao.history.DecisionMerge.Result;
import cn.nianbao.history.DecisionMerge.Row;
import cn.nianbao.history.DecisionMerge.Said;
import cn.nianbao.model.Disposition;
import cn.nianbao.model.DispositionStatus;
import cn.nianbao.model.Figures;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;

/** Which rows read from auditors' files are decisions, and what is not taken (and said so). */
class DecisionMergeTest {

    private static final Instant NOW = Instant.parse("2021-03-15T08:00:00Z");
    private static final Instant EARLIER = Instant.parse("2021-03-01T08:00:00Z");

    private final Finding balance = new Finding(Severity.ERROR, "B-BALANCE", "350502-RS", "鲤城区人力资源和社会保障局", 2020,
            "人社局-2020年报.xlsx", "2020年报", List.of("F35"), new BigDecimal("10"), new BigDecimal("11"), BigDecimal.ONE, "差 1");
    private final Finding scope = new Finding(Severity.WARNING, "A-REGULATION-SCOPE", "350502-CT", "常泰街道", 2020,
            "常泰街道-2020年报.xlsx", "2020年报", List.of("B6"), null, BigDecimal.ONE, null, "没有规章制定权");
    private final Map<String, Finding> known = Map.of(balance.fingerprint(), balance, scope.fingerprint(), scope);

    private static Row row(Finding f, String status, String note, String sheet) {
        return new Row(f.fingerprint(), status, note, Figures.of(f), new Place("exceptions.xlsx", sheet, "K2"));
    }

    private static Row fileRow(Finding f, String status, String note) {
        return new Row(f.fingerprint(), status, note, null, new Place("处理意见.xlsx", "Sheet1", "B3"));
    }

    private static Disposition decided(Finding f, DispositionStatus status, String note) {
        return new Disposition(f.fingerprint(), status, note, Figures.of(f), EARLIER, "exceptions.xlsx「问题清单」", f);
    }

    @Test
    void aWorkbookRowIsADecisionWhereItDiffersFromWhatIsStored() {
        Map<String, Disposition> stored = Map.of(scope.fingerprint(), decided(scope, DispositionStatus.NOT_APPLICABLE, "无规章制定权"));
        Result r = DecisionMerge.merge(stored, Map.of(), List.of(), List.of(
                row(balance, "已说明", "经核实，上年结转填报有误，已书面说明", "问题清单"),
                row(scope, " 不适用 ", "无规章制定权", "常泰街道")), known, NOW);

        assertThat(r.problems()).isEmpty();
        assertThat(r.changed()).singleElement().satisfies(d -> {
            assertThat(d.fingerprint()).isEqualTo(balance.fingerprint());
            assertThat(d.status()).isEqualTo(DispositionStatus.EXPLAINED);
            assertThat(d.closes()).isTrue();
            assertThat(d.note()).isEqualTo("经核实，上年结转填报有误，已书面说明");
            assertThat(d.recordedAt()).isEqualTo(NOW);
            assertThat(d.source()).isEqualTo("exceptions.xlsx「问题清单」");
            assertThat(d.decidedOn().sameAs(Figures.of(balance))).isTrue();
            assertThat(d.lastSeen()).isEqualTo(balance);
        });
    }

    @Test
    void clearingBothCellsWithdrawsADecision() {
        Map<String, Disposition> stored = Map.of(balance.fingerprint(), decided(balance, DispositionStatus.EXPLAINED, "已说明"));
        Result r = DecisionMerge.merge(stored, Map.of(), List.of(), List.of(row(balance, null, "  ", "问题清单")), known, NOW);
        assertThat(r.changed()).singleElement().satisfies(d -> {
            assertThat(d.isDecision()).isFalse();
            assertThat(d.closes()).isFalse();
        });
    }

    /**
     * The dispositions file says 不适用; an auditor then changes it to 待整改 in the workbook. The file's unchanged line
     * does not undo that; only a change in the file is a new decision.
     */
    @Test
    void theDispositionsFileDecidesOnlyWhereItChangedSinceItWasLastRead() {
        Map<String, Said> fileSaid = Map.of(scope.fingerprint(), new Said("不适用", "无规章制定权"));
        Map<String, Disposition> stored = Map.of(scope.fingerprint(), decided(scope, DispositionStatus.TO_CORRECT, "请补正"));

        Result unchanged = DecisionMerge.merge(stored, fileSaid, List.of(fileRow(scope, "不适用", "无规章制定权")), List.of(), known, NOW);
        assertThat(unchanged.changed()).isEmpty();
        assertThat(unchanged.fileSaid()).containsEntry(scope.fingerprint(), new Said("不适用", "无规章制定权"));

        Result edited = DecisionMerge.merge(stored, fileSaid, List.of(fileRow(scope, "已说明", "区政府授权")), List.of(), known, NOW);
        assertThat(edited.changed()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DispositionStatus.EXPLAINED);
            assertThat(d.source()).isEqualTo("处理意见.xlsx「Sheet1」");
            assertThat(d.decidedOn().sameAs(Figures.of(scope))).as("the file has no figures: the finding's now").isTrue();
        });
        assertThat(edited.fileSaid()).containsEntry(scope.fingerprint(), new Said("已说明", "区政府授权"));
    }

    @Test
    void aStatusThatIsNotOneOfTheFourIsNotTakenAndSaysWhere() {
        Map<String, Disposition> stored = Map.of(balance.fingerprint(), decided(balance, DispositionStatus.TO_CORRECT, null));
        Result r = DecisionMerge.merge(stored, Map.of(), List.of(), List.of(row(balance, "已解释", "见说明", "问题清单")), known, NOW);
        assertThat(r.changed()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(DecisionMerge.RULE);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.sourceFile()).isEqualTo("exceptions.xlsx");
            assertThat(p.sheet()).isEqualTo("问题清单");
            assertThat(p.cells()).containsExactly("K2");
            assertThat(p.message()).contains("「已解释」").contains(DispositionStatus.labels()).contains("未采用");
        });
    }

    @Test
    void aFingerprintTheJobNeverHadIsNotTaken() {
        Row stray = new Row("0123456789abcdef", "已说明", "抄错了", null, new Place("处理意见.xlsx", "Sheet1", "B9"));
        Row blank = new Row("fedcba9876543210", null, null, null, new Place("处理意见.xlsx", "Sheet1", "B10"));
        Result r = DecisionMerge.merge(Map.of(), Map.of(), List.of(stray, blank), List.of(), known, NOW);
        assertThat(r.changed()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("0123456789abcdef").contains("B9"));
    }

    @Test
    void twoPlacesSayingDifferentThingsTakeTheFirstAndSaySo() {
        Result r = DecisionMerge.merge(Map.of(), Map.of(), List.of(), List.of(
                row(balance, "已说明", "甲", "问题清单"),
                row(balance, "待整改", null, "人社局")), known, NOW);
        assertThat(r.changed()).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(DispositionStatus.EXPLAINED));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("问题清单").contains("采用了那里的「已说明，甲」").contains("未采用这里的「待整改」"));
        assertThat(p(r).sheet()).isEqualTo("人社局");
    }

    @Test
    void theSameDecisionInTwoPlacesIsOneDecision() {
        Result r = DecisionMerge.merge(Map.of(), Map.of(), List.of(), List.of(
                row(balance, "已说明", "甲", "问题清单"), row(balance, "已说明", "甲", "人社局")), known, NOW);
        assertThat(r.changed()).hasSize(1);
        assertThat(r.problems()).isEmpty();
    }

    /** The finding stopped firing since the workbook was written: the row is still taken, as the job last saw it. */
    @Test
    void aFindingOfThePreviousRunMayStillBeDecidedOn() {
        Map<String, Finding> previousOnly = new HashMap<>(Map.of(balance.fingerprint(), balance));
        Result r = DecisionMerge.merge(Map.of(), Map.of(), List.of(), List.of(row(balance, "不适用", null, "问题清单")), previousOnly, NOW);
        assertThat(r.changed()).singleElement().satisfies(d -> assertThat(d.lastSeen()).isEqualTo(balance));
    }

    @Test
    void figuresChangedSinceTheDecisionAreNoticed() {
        Disposition d = decided(balance, DispositionStatus.EXPLAINED, "已说明");
        Finding later = new Finding(Severity.ERROR, "B-BALANCE", "350502-RS", "鲤城区人力资源和社会保障局", 2020, "人社局-2020年报.xlsx",
                "2020年报", List.of("F35"), new BigDecimal("10"), new BigDecimal("12"), new BigDecimal("2"), "差 2");
        assertThat(later.fingerprint()).isEqualTo(balance.fingerprint());
        assertThat(d.figuresChanged(balance)).isFalse();
        assertThat(d.figuresChanged(later)).isTrue();
        Finding sameAsDoubles = new Finding(Severity.ERROR, "B-BALANCE", "350502-RS", null, 2020, null, "2020年报", List.of("F35"),
                new BigDecimal("10.0"), new BigDecimal("11.00"), new BigDecimal("1"), null);
        assertThat(d.figuresChanged(sameAsDoubles)).as("10.0 is 10").isFalse();
    }

    private static Finding p(Result r) {
        return r.problems().get(0);
    }
}
