package io.blockingbridge.data.repositories;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application of the repository tests: auto-configuration scans this package for repositories,
 * blocking and reactive; a transactional service writes through two of them, another through the
 * blocking entity template.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ PeopleAndNotesService.class, MemberService.class })
public class RepositoryTestApplication {

}
