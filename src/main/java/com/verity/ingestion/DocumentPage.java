package com.verity.ingestion;

import java.util.List;

/** One page of a collection's documents, newest first. */
public record DocumentPage(List<DocumentView> content, PageInfo page) {

    public record PageInfo(int number, int size, long totalElements, long totalPages) {}
}
