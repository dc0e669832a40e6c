package com.verity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Verity: a self-hosted knowledge assistant that answers from a company's own documents. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VerityApplication {

    public static void main(String[] args) {
        SpringApplication.run(VerityApplication.class, args);
    }
}
