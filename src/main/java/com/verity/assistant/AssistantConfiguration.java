package com.verity.assistant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class AssistantConfiguration {

    /**
     * Threads that run streamed answers, one per stream: those generating, those waiting for a
     * slot, and a few more for answers that need no model. No queue: a stream that cannot start at
     * once is refused with 429 rather than left waiting unseen.
     */
    @Bean
    ThreadPoolTaskExecutor answerStreamThreads(AssistantProperties properties) {
        int threads = properties.maxConcurrentGenerations() + properties.maxWaiting() + 4;
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("answer-");
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(0);
        executor.setAllowCoreThreadTimeOut(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        // the request's trace (and other thread-bound context) follows the answer onto its thread
        executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
        executor.setAwaitTerminationSeconds((int) properties.ollama().totalTimeout().toSeconds());
        return executor;
    }
}
