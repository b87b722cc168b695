package cn.nianbao.job;

/** A job file that cannot be used; the message names the file and the problem. */
public class JobFileException extends RuntimeException {
    public JobFileException(String message) {
        super(message);
    }

    public JobFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
