@echo off
rem nianbao nightly consolidation on Windows (see docs/nightly.md, "Windows").
rem Install nianbao in C:\nianbao (target\nianbao.jar, jobs\), then schedule this file with Task Scheduler:
rem   schtasks /Create /TN nianbao-nightly /TR "C:\nianbao\deploy\windows\nianbao-nightly.cmd" /SC DAILY /ST 02:30 /RU SYSTEM
rem Exit status, as on Linux: 0 done, 1 done and the reports contain errors (--fail-on error),
rem 2 bad arguments or job file, 3 the job failed or is already running (the next night resumes it).
rem No locale to set: on Windows Java names files through the UTF-16 API whatever the code page.
rem This file is ASCII on purpose: cmd reads it in the console code page.
setlocal
cd /d "%~dp0..\.."
if not exist logs mkdir logs
java -Xmx1g -jar target\nianbao.jar consolidate --job jobs\licheng-2020.yml --fail-on error >> logs\nightly.log 2>&1
set RC=%ERRORLEVEL%
echo %DATE% %TIME% exit %RC% >> logs\nightly.log
rem Retention after each run (cheap when there is nothing to delete): runs that ended more than 90 days ago.
java -jar target\nianbao.jar purge --older-than 90d --job jobs\licheng-2020.yml >> logs\purge.log 2>&1
exit /b %RC%
