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
import java.util.List;
import java.util.Locale;

/**
 * Lists the workbooks under an input folder, recursively and in a stable order. Other files are listed
 * as skipped with the reason; symbolic links are not followed (one could point outside the folder),
 * and Office lock files (~$…) are not workbooks.
 */
public final class InputScanner {

    public record Skipped(String path, String reason) {
    }

    public record Scan(List<Path> workbooks, List<Skipped> skipped) {
    }

    private InputScanner() {
    }

    public static Scan scan(Path root) throws IOException {
        List<Path> workbooks = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            throw new IOException("输入文件夹不存在：" + root);
        }
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), 32, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = root.relativize(file).toString().replace('\\', '/');
                String name = file.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (attrs.isSymbolicLink() || Files.isSymbolicLink(file)) {
                    skipped.add(new Skipped(rel, "符号链接，未跟随读取"));
                } else if (name.startsWith("~$") || name.startsWith(".~")) {
                    skipped.add(new Skipped(rel, "Office/WPS 临时锁文件"));
                } else if (!(lower.endsWith(".xlsx") || lower.endsWith(".xls"))) {
                    skipped.add(new Skipped(rel, "不是 .xlsx/.xls 文件"));
                } else if (!attrs.isRegularFile() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    skipped.add(new Skipped(rel, "不是普通文件"));
                } else {
                    workbooks.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                skipped.add(new Skipped(root.relativize(file).toString(), "无法访问：" + exc.getMessage()));
                return FileVisitResult.CONTINUE;
            }
        });
        // by path within the folder, each path's key made once (not twice per comparison)
        java.util.Map<Path, String> keys = new java.util.HashMap<>();
        for (Path p : workbooks) {
            keys.put(p, root.relativize(p).toString());
        }
        workbooks.sort(Comparator.comparing(keys::get));
        skipped.sort(Comparator.comparing(Skipped::path));
        return new Scan(workbooks, skipped);
    }
}
