package org.caseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** CaseLine: one deployable, split into the application modules under this package. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "CaseLine", sharedModules = "platform")
public class CaseLineApplication {

    public static void main(String[] args) {
        SpringApplication.run(CaseLineApplication.class, args);
    }
}
