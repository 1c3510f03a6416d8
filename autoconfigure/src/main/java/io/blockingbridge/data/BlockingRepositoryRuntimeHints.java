package io.blockingbridge.data;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * Reflection that blocking repositories need in a native image. Spring Data creates the implementation
 * behind every repository proxy, {@link SimpleBlockingR2dbcRepository}, through its constructor by
 * reflection, and calls its CRUD, sorting and paging methods by reflection from the proxy. The proxies
 * themselves (the repository interface with Spring Data's and Spring AOP's interfaces) are registered by
 * Spring Data's repository AOT processing for each repository that
 * {@link EnableBlockingR2dbcRepositories} or the auto-configuration finds. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
final class BlockingRepositoryRuntimeHints implements RuntimeHintsRegistrar {

	private static final String R2DBC_ENTITY_OPERATIONS = "org.springframework.data.r2dbc.core.R2dbcEntityOperations";

	static final String BASE_CLASS = "io.blockingbridge.data.SimpleBlockingR2dbcRepository";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(R2DBC_ENTITY_OPERATIONS, classLoader)) {
			return;
		}
		hints.reflection()
			.registerType(TypeReference.of(BASE_CLASS), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
					MemberCategory.INVOKE_PUBLIC_METHODS);
	}

}
