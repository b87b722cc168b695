package cn.nianbao.ingest;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lists what an input folder holds, recursively to any depth and in a stable order. Every file an agency may have
 * sent is listed to be read: reports (.xlsx, .xlsm, .xls, .docx, .doc) and anything else (a PDF, an image, an
 * archive), which the reader names in a finding on the agency it belongs to. Left out, and listed as skipped with
 * the reason: symbolic links (one could point outside the folder, or make a cycle), Office and WPS lock files
 * (~$…), and the files and folders a computer makes by itself (.DS_Store, Thumbs.db, hidden names).
 */
public final class InputScanner {

    /** The extensions of the files a report comes in. */
    public static final Set<String> REPORT_EXTENSIONS = Set.of("xlsx", "xlsm", "xls", "docx", "doc");

    private static final Set<String> SYSTEM_FILES = Set.of("thumbs.db", "desktop.ini", "ehthumbs.db");

    public record Skipped(String path, String reason) {
    }

    /** @param files every file to read, in path order; {@link #reports()} of them have a report's extension */
    public record Scan(List<Path> files, List<Skipped> skipped) {

        /** How many of {@link #files()} have the extension of a report file. */
        public long reports() {
            return files.stream().filter(InputScanner::hasReportExtension).count();
        }
    }

    private InputScanner() {
    }

    public static boolean hasReportExtension(Path file) {
        return REPORT_EXTENSIONS.contains(extension(file.getFileName().toString()));
    }

    /** The extension of a file name, lower case, without the dot ("" when it has none). */
    public static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public static Scan scan(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            throw new IOException("输入文件夹不存在：" + root.toAbsolutePath());
        }
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                    skipped.add(new Skipped(relative(root, dir) + "/", "隐藏文件夹，未读取"));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = relative(root, file);
                String name = file.getFileName().toString();
                if (attrs.isSymbolicLink() || Files.isSymbolicLink(file)) {
                    skipped.add(new Skipped(rel, "符号链接，未跟随读取"));
                } else if (name.startsWith("~$") || name.startsWith(".~")) {
                    skipped.add(new Skipped(rel, "Office/WPS 临时锁文件"));
                } else if (name.startsWith(".") || SYSTEM_FILES.contains(name.toLowerCase(Locale.ROOT))) {
                    skipped.add(new Skipped(rel, "系统生成的文件"));
                } else if (!attrs.isRegularFile() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    skipped.add(new Skipped(rel, "不是普通文件"));
                } else {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                skipped.add(new Skipped(relative(root, file), "无法访问：" + exc.getMessage()));
                return FileVisitResult.CONTINUE;
            }
        });
        // by path within the folder, each path's key made once (not twice per comparison)
        Map<Path, String> keys = new HashMap<>();
        for (Path p : files) {
            keys.put(p, relative(root, p));
        }
        files.sort(Comparator.comparing(keys::get));
        skipped.sort(Comparator.comparing(Skipped::path));
        return new Scan(files, skipped);
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
