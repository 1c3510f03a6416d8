package io.blockingbridge.data.repositories;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application of the repository tests: auto-configuration scans this package for repositories,
 * blocking and reactive.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class RepositoryTestApplication {

}
