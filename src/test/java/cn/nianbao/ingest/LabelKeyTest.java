package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Labels as agencies type them reduced to the keys the locator compares. LabelKey remembers the key of every text it
 * has seen; so that each test computes its keys rather than finding them remembered from another test, every text is
 * given trailing white space no other call used (white space an agency may type, which changes no key).
 */
class LabelKeyTest {

    private static final AtomicInteger CALLS = new AtomicInteger();

    /** The text followed by white space never used before: the call's number in binary, as tabs and spaces, then a line break. */
    private static String fresh(String text) {
        StringBuilder b = new StringBuilder(text);
        for (int n = CALLS.incrementAndGet(); n > 0; n >>= 1) {
            b.append((n & 1) == 1 ? '\t' : ' ');
        }
        return b.append('\n').toString();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "（一） 予以\t公开|(一)予以公开",
            "予以\u200b公开\ufeff|予以公开",
            "本年\u3000新收\u00a0数量|本年新收数量",
            "ＡＢＣ１２|ABC12",
    })
    void compactIsNfkcWithoutWhiteSpace(String text, String compact) {
        assertThat(LabelKey.compact(fresh(text))).isEqualTo(compact);
    }

    @Test
    void compactKeepsPrintableAsciiAndDropsItsSpaces() {
        assertThat(LabelKey.compact("12")).isEqualTo("12");
        assertThat(LabelKey.compact("1 2")).isEqualTo("12");
        assertThat(LabelKey.compact(" \t")).isEmpty();
        assertThat(LabelKey.compact(null)).isEmpty();
        assertThat(LabelKey.of(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）|部分公开",
            "(二) 部分公开|部分公开",
            "一、本年新收政府信息公开申请数量|本年新收政府信息公开申请数量",
            "（一）1.予以公开|予以公开",
            "1、信访举报投诉类申请|信访举报投诉类申请",
            "(1)信访举报投诉类申请|信访举报投诉类申请",
            "2 重复申请|重复申请",
            "3.危及“三安全一稳定”|危及三安全一稳定",
            "申请数量（注1）（注2）|申请数量",
            "（注）|注",
            "一、|一",
            "1.5万元|15万元",
            "采购总金额（万元）|采购总金额",
    })
    void theKeyOfALabel(String text, String key) {
        assertThat(LabelKey.of(fresh(text))).isEqualTo(key);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "（四）无法提供1.本机关不掌握相关政府信息|无法提供1本机关不掌握相关政府信息,本机关不掌握相关政府信息",
            "（五）不予处理1.信访举报投诉类申请2.重复申请|不予处理1信访举报投诉类申请2重复申请,重复申请",
            "行政诉讼（未经复议直接起诉）|行政诉讼,未经复议直接起诉",
            "申请（申请）|申请",
            "申请()|申请",
            "（三）不予公开|不予公开",
            "（）|",
            "（一、甲）|一甲",  // a label that is all one note in parentheses has no note to try apart
    })
    void theKeysToTryForALabel(String text, String keys) {
        List<String> expected = keys == null ? List.of() : List.of(keys.split(","));
        assertThat(LabelKey.candidates(fresh(text))).containsExactlyElementsOf(expected);
    }

    @Test
    void noTextHasNoKeys() {
        assertThat(LabelKey.candidates(null)).isEmpty();
    }

    @Test
    void aKeyIsTheSameWhenAskedAgain() {
        String text = fresh("（七）总计");
        assertThat(LabelKey.of(text)).isEqualTo("总计");
        assertThat(LabelKey.of(text)).isEqualTo("总计");
        assertThat(LabelKey.candidates(text)).containsExactly("总计");
        assertThat(LabelKey.candidates(text)).containsExactly("总计");
        assertThat(LabelKey.compact(text)).isEqualTo("(七)总计");
        assertThat(LabelKey.compact(text)).isEqualTo("(七)总计");
    }
}
