package io.blockingbridge.data.repositories;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.ListQueryByExampleExecutor;

public interface MemberRepository extends ListCrudRepository<Member, Long>, ListQueryByExampleExecutor<Member> {

}
