package io.blockingbridge.data;

import java.util.Optional;

import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.data.r2dbc.core.R2dbcEntityOperations;
import org.springframework.data.r2dbc.repository.support.R2dbcRepositoryFactory;
import org.springframework.data.relational.repository.query.RelationalEntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryLookupStrategy.Key;
import org.springframework.data.repository.query.ValueExpressionDelegate;

/**
 * Creates blocking-style repositories backed by Spring Data R2DBC. It reuses what
 * {@link R2dbcRepositoryFactory} builds for a reactive repository and adapts it:
 * <ul>
 * <li>CRUD, sorting and paging methods run on a {@link SimpleBlockingR2dbcRepository}, which awaits
 * the corresponding calls of a reactive {@code SimpleR2dbcRepository};</li>
 * <li>query methods (derived and {@code @Query}) run Spring Data R2DBC's reactive query, and their
 * results are awaited and shaped to the method's return type;</li>
 * <li>derived query methods with a {@code Pageable} parameter, which Spring Data R2DBC only supports
 * with reactive results, run as a criteria query plus, for a {@code Page}, a count query.</li>
 * </ul>
 * Every call awaits through the bridge with the current scope's Reactor Context, so it joins the
 * transaction of the blocking code that calls it.
 */
public class BlockingR2dbcRepositoryFactory extends R2dbcRepositoryFactory {

	private final R2dbcEntityOperations entityOperations;

	private BridgeSettings settings = BridgeSettings.defaults();

	/**
	 * Create a factory for repositories running on the given entity operations.
	 * @param entityOperations the R2DBC entity operations
	 */
	public BlockingR2dbcRepositoryFactory(R2dbcEntityOperations entityOperations) {
		super(entityOperations);
		this.entityOperations = entityOperations;
	}

	/**
	 * Set the settings of the application the repositories belong to, whose {@code bridge.timeout}
	 * their awaits outside of any scope get (docs/bridge.md, "Time limits"); without, they resolve
	 * it as code outside of an application does.
	 * @param settings the application's settings
	 */
	public void setBridgeSettings(BridgeSettings settings) {
		this.settings = settings;
	}

	@Override
	protected void validate(RepositoryMetadata repositoryMetadata) {
		super.validate(repositoryMetadata);
		BlockingRepositorySignatures.verify(repositoryMetadata.getRepositoryInterface());
	}

	@Override
	protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
		return SimpleBlockingR2dbcRepository.class;
	}

	@Override
	protected Object getTargetRepository(RepositoryInformation information) {
		RelationalEntityInformation<?, ?> entityInformation = getEntityInformation(information);
		Object repository = getTargetRepositoryViaReflection(information, entityInformation, this.entityOperations);
		if (repository instanceof SimpleBlockingR2dbcRepository<?, ?> simple) {
			simple.setBridgeSettings(this.settings);
		}
		return repository;
	}

	@Override
	protected Optional<QueryLookupStrategy> getQueryLookupStrategy(@Nullable Key key,
			ValueExpressionDelegate valueExpressionDelegate) {
		return super.getQueryLookupStrategy(key, valueExpressionDelegate)
			.map((reactive) -> new BlockingQueryLookupStrategy(reactive, this.entityOperations,
					new RepositoryAwaits(this.settings)));
	}

}
