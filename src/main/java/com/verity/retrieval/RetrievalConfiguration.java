package com.verity.retrieval;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class RetrievalConfiguration {

    /**
     * Threads for the full-text arm of searches, so it runs while the question is embedded. No
     * queue: when all are busy the arm runs on the caller's thread instead of waiting for one.
     */
    @Bean
    ThreadPoolTaskExecutor keywordSearches(RetrievalProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("keyword-search-");
        executor.setCorePoolSize(properties.parallelSearches());
        executor.setMaxPoolSize(properties.parallelSearches());
        executor.setQueueCapacity(0);
        executor.setAllowCoreThreadTimeOut(true);
        return executor;
    }
}
