package com.verity.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the figures were measured on: processor, memory, Java, PostgreSQL, current load. */
final class Machine {

    private Machine() {}

    static List<String> describe(JdbcClient jdbc) {
        return List.of(
                "cores      : %d available to the JVM, nproc %s, %s"
                        .formatted(
                                Runtime.getRuntime().availableProcessors(),
                                command("nproc"),
                                cpuInfo("model name")),
                "memory     : %s total, JVM max heap %d MiB"
                        .formatted(memInfo("MemTotal"), Runtime.getRuntime().maxMemory() >> 20),
                "os         : %s %s %s"
                        .formatted(
                                System.getProperty("os.name"),
                                System.getProperty("os.version"),
                                System.getProperty("os.arch")),
                "java       : %s (%s %s)"
                        .formatted(
                                System.getProperty("java.version"),
                                System.getProperty("java.vm.name"),
                                System.getProperty("java.vm.vendor")),
                "postgresql : %s, pgvector %s, shared_buffers %s, work_mem %s, same machine"
                        .formatted(
                                setting(jdbc, "server_version"),
                                jdbc.sql(
                                                "select extversion from pg_extension"
                                                        + " where extname = 'vector'")
                                        .query(String.class)
                                        .single(),
                                setting(jdbc, "shared_buffers"),
                                setting(jdbc, "work_mem")));
    }

    /** The 1, 5 and 15 minute load averages: the machine may be shared with other work. */
    static String loadAverage() {
        String load = read("/proc/loadavg");
        String[] parts = load.split(" ");
        return parts.length >= 3 ? String.join(" ", parts[0], parts[1], parts[2]) : load;
    }

    private static String setting(JdbcClient jdbc, String name) {
        return jdbc.sql("select current_setting(:name)")
                .param("name", name)
                .query(String.class)
                .single();
    }

    private static String cpuInfo(String key) {
        return read("/proc/cpuinfo")
                .lines()
                .filter(line -> line.startsWith(key))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst()
                .orElse("unknown processor");
    }

    private static String memInfo(String key) {
        return read("/proc/meminfo")
                .lines()
                .filter(line -> line.startsWith(key))
                .map(line -> line.replaceAll("\\D+", ""))
                .map(kb -> "%.1f GiB".formatted(Long.parseLong(kb) / 1024.0 / 1024.0))
                .findFirst()
                .orElse("unknown");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String command(String command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            process.waitFor();
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
