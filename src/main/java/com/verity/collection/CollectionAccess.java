package com.verity.collection;

import java.util.List;

/**
 * Who may read and who may edit a collection: {@code group:<name>} and {@code user:<username>}
 * entries. Empty readers: every signed-in user; empty editors: its creator (and admins, always).
 */
public record CollectionAccess(List<String> readers, List<String> editors) {}
