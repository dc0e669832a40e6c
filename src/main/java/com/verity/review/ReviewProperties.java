package com.verity.review;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The review module's settings.
 *
 * @param checkInterval how often verified answers are checked against the documents they cite (a
 *     changed or deleted document suspends them)
 */
@ConfigurationProperties("verity.review")
public record ReviewProperties(@DefaultValue("20s") Duration checkInterval) {}
