/**
 * Spring Data repositories in blocking style, backed by Spring Data R2DBC: declare an ordinary
 * {@code CrudRepository} (or any other blocking Spring Data repository interface) and every call
 * runs the reactive R2DBC query awaited through the {@link io.blockingbridge.core.Bridge bridge}.
 * See {@link io.blockingbridge.data.EnableBlockingR2dbcRepositories}.
 */
@NullMarked
package io.blockingbridge.data;

import org.jspecify.annotations.NullMarked;
