package com.verity.ingestion;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.web.multipart.MultipartFile;

/** Uploads text files into an instance started by hand, as the upload endpoint would. */
public final class TestUploads {

    private TestUploads() {}

    /** Uploads each name -> text as a text file; returns the ids of the accepted documents. */
    public static List<UUID> upload(
            ApplicationContext instance, String collection, Map<String, String> files) {
        List<MultipartFile> parts =
                files.entrySet().stream()
                        .map(
                                e ->
                                        (MultipartFile)
                                                new MockMultipartFile(
                                                        "files",
                                                        e.getKey(),
                                                        "text/plain",
                                                        e.getValue()
                                                                .getBytes(StandardCharsets.UTF_8)))
                        .toList();
        return instance
                .getBean(DocumentUploads.class)
                .upload(collection, parts, null, com.verity.support.TestUsers.adminCaller(instance))
                .stream()
                .map(UploadResult::id)
                .toList();
    }
}
