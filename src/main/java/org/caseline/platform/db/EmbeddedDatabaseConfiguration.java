package org.caseline.platform.db;

import java.nio.file.Path;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, CaseLine runs its own PostgreSQL so that the first run
 * needs nothing installed; with one, Spring Boot's ordinary data source takes over and this
 * configuration stays out of the way.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    @ConfigurationProperties("caseline.database.embedded")
    record EmbeddedDatabaseProperties(
            @DefaultValue("data/postgres") Path dataDir,
            @DefaultValue("false") boolean clean,
            @DefaultValue("0") int port,
            @DefaultValue("caseline") String database,
            Map<String, String> settings) {
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) {
        var server = EmbeddedPostgres.start(properties.dataDir(), properties.clean(), properties.port(),
                properties.settings() == null ? Map.of() : properties.settings());
        server.createDatabaseIfMissing(properties.database());
        return server;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres server, EmbeddedDatabaseProperties properties) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl(properties.database()));
        dataSource.setUsername(server.user());
        dataSource.setPoolName("caseline");
        return dataSource;
    }
}
