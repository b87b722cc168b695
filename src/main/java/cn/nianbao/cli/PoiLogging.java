package cn.nianbao.cli;

/**
 * POI logs through the Log4j API. Spring Boot routes that API to SLF4J/Logback with log4j-to-slf4j, which
 * (with Logback behind it) checks the level only after it has built each message: POI's debug line for
 * every shared string of an .xls ("Returning SST for index=…") would be formatted and thrown away for every
 * text cell, which makes reading an .xls more than twice as slow.
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
