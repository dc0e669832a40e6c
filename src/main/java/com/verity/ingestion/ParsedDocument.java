package com.verity.ingestion;

import java.util.List;

/**
 * What the parser made of a file.
 *
 * @param title the document's title from its metadata, or null
 * @param blocks the structure, in reading order
 * @param truncated whether text was cut at verity.ingestion.max-extracted-chars
 */
record ParsedDocument(String title, List<Block> blocks, boolean truncated) {}
