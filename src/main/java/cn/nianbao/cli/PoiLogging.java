package cn.nianbao.cli;

/**
 * POI logs through the Log4j API. Spring Boot routes that API to SLF4J/Logback with log4j-to-slf4j, which
 * (with Logback behind it) checks the level only after it has built each message: POI's debug line for
 * every shared string of an .xls ("Returning SST for index=…") was then formatted and thrown away for every
 * text cell, and reading an .xls took 2.5 times as long (1.0 → 0.4 ms a workbook's grid, measured).
 * Log4j's own simple logger checks the level first; at its default level, ERROR, POI's warnings about
 * document properties stay out of the console too. It must be chosen before POI's first logger is made.
 */
public final class PoiLogging {

    static final String FACTORY_PROPERTY = "log4j2.loggerContextFactory";

    private PoiLogging() {
    }

    /** Chooses Log4j's simple logger for POI, unless the operator chose a logger context factory. */
    public static void useSimpleLogger() {
        if (System.getProperty(FACTORY_PROPERTY) == null) {
            System.setProperty(FACTORY_PROPERTY, "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }
}
