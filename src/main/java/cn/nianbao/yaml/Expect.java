package cn.nianbao.yaml;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a key's value should be, in the words of a message when it is something else (「year 应为年份（如 2020）」).
 * Without it the message names the type (整数, 文本, 列表 …).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Expect {
    String value();
}
