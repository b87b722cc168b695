package cn.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command line picks Log4j's simple logger for POI, but never over an operator's own choice. */
class PoiLoggingTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(PoiLogging.FACTORY_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(PoiLogging.FACTORY_PROPERTY);
        } else {
            System.setProperty(PoiLogging.FACTORY_PROPERTY, before);
        }
    }

    @Test
    void choosesTheSimpleLoggerWhenNothingIsChosen() throws Exception {
        System.clearProperty(PoiLogging.FACTORY_PROPERTY);
        PoiLogging.useSimpleLogger();
        String factory = System.getProperty(PoiLogging.FACTORY_PROPERTY);
        // a class that exists in the Log4j API on the classpath, not a typo that Log4j would ignore
        assertThat(Class.forName(factory)).isAssignableTo(org.apache.logging.log4j.spi.LoggerContextFactory.class);
    }

    @Test
    void leavesAnOperatorsChoiceAlone() {
        System.setProperty(PoiLogging.FACTORY_PROPERTY, "com.example.TheirFactory");
        PoiLogging.useSimpleLogger();
        assertThat(System.getProperty(PoiLogging.FACTORY_PROPERTY)).isEqualTo("com.example.TheirFactory");
    }
}
