package com.verity.security;

import java.util.List;

/** A group and the users in it ({@code GET /api/groups}). */
public record GroupView(String name, List<String> members) {}
