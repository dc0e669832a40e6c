package com.verity.ingestion;

import java.util.List;

/** A document's extracted text and the passages cut from it. */
record ChunkedDocument(String title, String text, List<Chunk> chunks) {}
