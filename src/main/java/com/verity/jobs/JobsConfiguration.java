package com.verity.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * db-scheduler over every {@link Task} bean of the other modules: a {@link SchedulerClient} that
 * schedules executions (usable whether or not this instance runs any), and {@link JobRunner}, which
 * runs them.
 *
 * <p>Why db-scheduler: the jobs must be durable in the PostgreSQL we already run, each execution
 * must run on exactly one of several instances, and a crashed instance's execution must be picked
 * up again; db-scheduler does exactly that with one table and no broker, where Spring Batch would
 * bring a dozen tables and no way to spread one job over instances without remote partitioning. Its
 * Spring Boot starter is written against Boot 3 and never activates on Boot 4, so it is wired here.
 *
 * <p>Both see the data source through Spring's transaction-aware proxy: an execution scheduled
 * inside a transaction (a re-index planned with its checkpoint rows) commits or rolls back with it.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    @Bean
    SchedulerClient schedulerClient(DataSource dataSource, List<Task<?>> tasks) {
        return SchedulerClient.Builder.create(
                        new TransactionAwareDataSourceProxy(dataSource), tasks)
                .build();
    }

    @Bean
    JobRunner jobRunner(DataSource dataSource, List<Task<?>> tasks, JobsProperties properties) {
        return new JobRunner(new TransactionAwareDataSourceProxy(dataSource), tasks, properties);
    }
}
