package cn.nianbao.template;

import java.util.List;

import cn.nianbao.yaml.Expect;

/**
 * {@code templates/catalogue.yml} as written (its keys are explained at its top); {@link TemplateCatalogue} checks it.
 * The tables bind to the domain's own records.
 */
record CatalogueFile(@Expect("报告格式的列表") List<Format> formats) {

    record Format(String id, String name, @Expect("键值表，如 { from: 2019, to: 2020 }") Years years,
                  @Expect("标签文本的列表") List<String> markers, @Expect("统计表的列表") List<TableDef> tables) {
    }

    record Years(@Expect("年份（如 2019）") Integer from, @Expect("年份（如 2020）") Integer to) {
    }
}
