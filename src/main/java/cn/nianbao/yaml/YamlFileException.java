package cn.nianbao.yaml;

/**
 * A YAML file that cannot be used. The message is what the user reads: the file, the line and column (when the
 * mistake has a place) and, in Chinese, what is written there and what was expected.
 */
public class YamlFileException extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public YamlFileException(String file, int line, int column, String problem, Throwable cause) {
        super(file + (line > 0 ? " 第" + line + "行第" + column + "列" : "") + "：" + problem, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** A problem of the whole file (it cannot be read, it is too long). */
    public YamlFileException(String file, String problem, Throwable cause) {
        this(file, 0, 0, problem, cause);
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /** 1-based; 0 when the problem has no place in the file. */
    public int line() {
        return line;
    }

    /** 1-based; 0 when the problem has no place in the file. */
    public int column() {
        return column;
    }

    /** What is wrong, without the file and place. */
    public String problem() {
        return problem;
    }
}
