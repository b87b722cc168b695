package cn.nianbao.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Report;
import cn.nianbao.model.Scope;
import cn.nianbao.model.SourceCell;
import cn.nianbao.model.Submission;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Builds test reports: all datapoints of a format (optional subtotal rows only on request) set to 0,
 * each with its own fake but distinct A1 cell on sheet 「Sheet1」, then the values a test needs.
 */
public final class TestReports {

    public static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();
    public static final String SHEET = "Sheet1";

    private TestReports() {
    }

    public static Builder gov2019() {
        return new Builder("GOV2019", 2020);
    }

    public static Builder gov2021() {
        return new Builder("GOV2021", 2022);
    }

    /** The fake A1 address the builder gives a datapoint: column from its place in the block, row from its place in the format. */
    public static String cell(String format, String id) {
        int index = 0;
        for (DatapointDef def : CATALOGUE.require(format).datapoints().values()) {
            if (def.id().equals(id)) {
                char column = (char) ('B' + def.block().columns().indexOf(def.column()));
                return String.valueOf(column) + (index + 2);
            }
            index++;
        }
        throw new IllegalArgumentException("no datapoint " + id + " in " + format);
    }

    public static final class Builder {
        private final String format;
        private int year;
        private Agency agency = new Agency("A001", "某区教育局", java.util.List.of(), "区政府部门", "D01");
        private Scope scope = Scope.OWN;
        private String path;
        private Instant modified = Instant.parse("2021-01-15T02:00:00Z");
        private final Map<String, Datapoint> datapoints = new LinkedHashMap<>();

        Builder(String format, int year) {
            this.format = format;
            this.year = year;
            ReportFormat f = CATALOGUE.require(format);
            for (DatapointDef def : f.requiredDatapoints()) {
                put(def.id(), BigDecimal.ZERO, false);
            }
        }

        private void put(String id, BigDecimal value, boolean blank) {
            SourceCell source = new SourceCell(SHEET, cell(format, id), id);
            datapoints.put(id, new Datapoint(id, value, blank, source));
        }

        public Builder year(int y) {
            this.year = y;
            return this;
        }

        public Builder agency(String code, String name, String kind) {
            this.agency = new Agency(code, name, java.util.List.of(), kind, "D01");
            return this;
        }

        public Builder agency(Agency a) {
            this.agency = a;
            return this;
        }

        public Builder consolidated() {
            this.scope = Scope.CONSOLIDATED;
            return this;
        }

        public Builder file(String p, String modifiedAt) {
            this.path = p;
            this.modified = Instant.parse(modifiedAt);
            return this;
        }

        public Builder set(String id, String value) {
            if (!CATALOGUE.require(format).datapoints().containsKey(id)) {
                throw new IllegalArgumentException("no datapoint " + id + " in " + format);
            }
            put(id, new BigDecimal(value), false);
            return this;
        }

        public Builder set(String id, long value) {
            return set(id, Long.toString(value));
        }

        public Builder blank(String id) {
            put(id, null, true);
            return this;
        }

        /** Adds an optional subtotal row (DENIED, UNABLE, REFUSED, OTHER in GOV2021) with zeros. */
        public Builder withRow(String table, String row) {
            for (DatapointDef def : CATALOGUE.require(format).datapoints().values()) {
                if (def.table().id().equals(table) && def.row().id().equals(row)) {
                    put(def.id(), BigDecimal.ZERO, false);
                }
            }
            return this;
        }

        /**
         * A consistent report: table B with two applicant columns, C with some cases, A with a few items.
         * NATURAL: 10 new + 2 carried in = 6 granted + 1 partial + 1 denied(4) + 2 unable(1) + 2 carried out.
         * BUSINESS: 3 new = 3 granted.
         */
        public Builder consistent() {
            set("B.NEW.NATURAL", 10).set("B.NEW.BUSINESS", 3).set("B.NEW.TOTAL", 13);
            set("B.CARRIED_IN.NATURAL", 2).set("B.CARRIED_IN.TOTAL", 2);
            set("B.GRANTED.NATURAL", 6).set("B.GRANTED.BUSINESS", 3).set("B.GRANTED.TOTAL", 9);
            set("B.PARTIAL.NATURAL", 1).set("B.PARTIAL.TOTAL", 1);
            set("B.DENIED_4.NATURAL", 1).set("B.DENIED_4.TOTAL", 1);
            set("B.UNABLE_1.NATURAL", 2).set("B.UNABLE_1.TOTAL", 2);
            set("B.RESULT_TOTAL.NATURAL", 10).set("B.RESULT_TOTAL.BUSINESS", 3).set("B.RESULT_TOTAL.TOTAL", 13);
            set("B.CARRIED_OUT.NATURAL", 2).set("B.CARRIED_OUT.TOTAL", 2);
            set("C.REVIEW.UPHELD", 1).set("C.REVIEW.CORRECTED", 1).set("C.REVIEW.TOTAL", 2);
            set("C.SUIT_DIRECT.PENDING", 1).set("C.SUIT_DIRECT.TOTAL", 1);
            if (format.equals("GOV2019")) {
                set("A.NORMATIVE.NEW_MADE", 3).set("A.NORMATIVE.NEW_PUBLISHED", 3).set("A.NORMATIVE.TOTAL_PUBLISHED", 40);
                set("A.LICENSING.PREV_ITEMS", 10).set("A.LICENSING.CHANGE", -2).set("A.LICENSING.DECISIONS", 80);
                set("A.PROCUREMENT.PROJECTS", 4).set("A.PROCUREMENT.AMOUNT_YUAN", "25211.5");
            } else {
                set("A.NORMATIVE.ISSUED", 3).set("A.NORMATIVE.REPEALED", 1).set("A.NORMATIVE.IN_FORCE", 40);
                set("A.LICENSING.DECISIONS", 80).set("A.FEES.AMOUNT_WAN", "3.5");
            }
            return this;
        }

        public Report build() {
            String p = path != null ? path : "in/" + agency.name() + "-" + year + ".xlsx";
            return new Report(agency, year, format, scope, new Submission(p, "sha-" + p.hashCode(), 1000, modified),
                    agency.name() + year + "年政府信息公开工作年度报告", datapoints);
        }
    }
}
