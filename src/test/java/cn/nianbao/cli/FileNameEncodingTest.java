package cn.nianbao.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the run refuses to start because file names would be misread (PosixLocaleTest runs the real process). */
class FileNameEncodingTest {

    @Test
    void linuxAndMacNeedAUtf8Locale() {
        assertTrue(FileNameEncoding.problem("UTF-8", "Linux").isEmpty());
        assertTrue(FileNameEncoding.problem("UTF-8", "Mac OS X").isEmpty());
        assertFalse(FileNameEncoding.problem("ANSI_X3.4-1968", "Linux").isEmpty(), "the POSIX locale");
        assertFalse(FileNameEncoding.problem("GBK", "Linux").isEmpty(), "zh_CN.GBK reads UTF-8 names on disk as GBK");
        assertFalse(FileNameEncoding.problem(null, "Linux").isEmpty());
    }

    @Test
    void windowsNamesFilesInUtf16WhateverItsCodePage() {
        // a Chinese Windows reports its ANSI code page; an English one cp1252
        assertTrue(FileNameEncoding.problem("GBK", "Windows 10").isEmpty());
        assertTrue(FileNameEncoding.problem("Cp1252", "Windows 11").isEmpty());
        assertTrue(FileNameEncoding.problem("UTF-8", "Windows Server 2019").isEmpty());
    }
}
