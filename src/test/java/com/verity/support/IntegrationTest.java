package com.verity.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole service on a random port against a real PostgreSQL with pgvector (see {@link
 * TestDatabase}), with the in-process embedding model. Use {@link VerityApi} to call it. What the
 * model backends say is asked fresh each time (no {@code model-info-ttl}), as tests change it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "verity.assistant.model-info-ttl=0s")
@Import({TestDatabase.class, VerityApi.class})
public @interface IntegrationTest {}
