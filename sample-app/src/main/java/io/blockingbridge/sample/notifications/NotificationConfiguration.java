package io.blockingbridge.sample.notifications;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.sample.MustFinish;
import io.r2dbc.spi.ConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses how notifications reach the instances: through PostgreSQL when the application runs on
 * it, so that any number of instances sharing the database deliver them; to this instance's own
 * sessions on any other database (H2 in memory, which only one instance can use).
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

	@Bean
	NotificationTransport notificationTransport(ConnectionFactory connectionFactory, BlockingDatabaseClient database,
			NotificationSessions sessions, JsonMapper json, MustFinish mustFinish) {
		if (PostgresNotifications.supports(connectionFactory)) {
			return new PostgresNotifications(connectionFactory, database, sessions, json, mustFinish);
		}
		return (notification) -> sessions.deliver(notification.customer(), notification.message());
	}

}
