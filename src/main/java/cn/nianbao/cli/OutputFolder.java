package cn.nianbao.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks before a run starts that its output folder can be written: created if missing, and a file written into it
 * and removed again. A read-only share, a folder of another user or a full disk would otherwise fail only at the
 * publish step, after the whole job ran and stored its results, and every re-run would fail the same way.
 */
public final class OutputFolder {

    private OutputFolder() {
    }

    /** Why files cannot be written into {@code folder}, in Chinese, or empty when they can. */
    public static Optional<String> problem(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException | SecurityException e) {
            return Optional.of("无法创建输出文件夹 " + absolute + "（" + reason(e) + "）。" + ADVICE);
        }
        // A name the publish step's clean-up of stray temporaries does not know; removed at once.
        Path probe = absolute.resolve(".nianbao-write-check-" + UUID.randomUUID() + ".tmp");
        try {
            Files.write(probe, new byte[] {'\n'}, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException e) {
            return Optional.of("输出文件夹 " + absolute + " 不可写入（" + reason(e) + "）。" + ADVICE);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // written but not removable: the folder is writable, the stray file harmless
            }
        }
        return Optional.empty();
    }

    private static final String ADVICE = "本次未运行，数据库未作任何改动。请检查该文件夹的权限（运行本程序的用户须能在其中写文件）、"
            + "磁盘空间，以及网络盘是否以只读方式挂载；或在作业文件的 output（或 --out）中改用可写入的文件夹。";

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "没有写入权限";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
